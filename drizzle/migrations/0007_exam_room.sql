ALTER TABLE "attempts" ADD COLUMN "flagged" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "extra_minutes" integer DEFAULT 0 NOT NULL;