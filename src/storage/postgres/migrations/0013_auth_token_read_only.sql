-- A read-only API token may only read (GET and HEAD); any other method answers 403
-- "error.token_read_only". Tokens made before stay able to write.
ALTER TABLE api_tokens ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0;
