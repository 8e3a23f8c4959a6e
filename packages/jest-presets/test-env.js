// Every service started by a test (in-process or as its own process) checks its JSON responses against its
// OpenAPI document; a mismatch answers 500 naming the field (VALIDATE_RESPONSES, off in production).
process.env.VALIDATE_RESPONSES ??= 'true';
