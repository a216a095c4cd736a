CREATE TABLE "manual_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"publish_id" text NOT NULL,
	"service_code" text NOT NULL,
	"revision" text NOT NULL,
	"previous_revision" text NOT NULL,
	"frontmatter" jsonb NOT NULL,
	"body" text NOT NULL,
	"reason" text NOT NULL,
	"published_by" text,
	"published_by_name" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "manual_editor" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "carries_from" text;--> statement-breakpoint
ALTER TABLE "manual_revisions" ADD CONSTRAINT "manual_revisions_service_code_services_code_fk" FOREIGN KEY ("service_code") REFERENCES "public"."services"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "manual_revisions_service_idx" ON "manual_revisions" USING btree ("service_code","id");