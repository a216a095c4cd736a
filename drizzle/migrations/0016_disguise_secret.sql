-- The key that makes item ids opaque on daily review, practice and 错题本 pages exists from the
-- first start, so no page has to create it on a GET (ADR 018). 244 random bits from the
-- database's strong generator; an existing key is kept.
INSERT INTO "app_secrets" ("name", "value")
VALUES ('item-disguise', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
ON CONFLICT ("name") DO NOTHING;
