// Calls to the images API (src/media on the server): uploading a picture (the file as the raw
// body, its name in ?filename=; the server checks it by content and answers its sizes) and reading
// one back by id. News covers and product photos use them.
import { api, request } from '../api/client';
import type { StoredImage } from './types';

export const uploadImage = (file: File) =>
  request<StoredImage>('POST', '/api/v1/images', { query: { filename: file.name }, raw: { data: file, contentType: file.type || 'application/octet-stream' } });
export const getImage = (id: number, signal?: AbortSignal) => api.get<StoredImage>(`/api/v1/images/${id}`, undefined, signal);
