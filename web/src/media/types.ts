// The images API's shapes (issue 19's contract, "Media"): an uploaded image (or PDF) with the
// widths the server made of it.

export interface ImageVariant {
  width: number;
  url: string;
}

export interface StoredImage {
  id: number;
  content_type: string;
  width: number;
  height: number;
  bytes: number;
  name: string;
  url: string;
  variants: ImageVariant[];
}

/** The variant closest to `width` from below (the original when none is that narrow). */
export function variantUrl(image: Pick<StoredImage, 'url' | 'variants'>, width: number): string {
  const fitting = image.variants.filter((v) => v.width <= width).sort((a, b) => b.width - a.width);
  if (fitting.length) return fitting[0].url;
  const smallest = [...image.variants].sort((a, b) => a.width - b.width)[0];
  return smallest?.url ?? image.url;
}
