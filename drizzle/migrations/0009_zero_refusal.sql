CREATE TABLE "zero_refusal_cases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"site_id" integer NOT NULL,
	"reported_by" text NOT NULL,
	"question" text NOT NULL,
	"services" jsonb NOT NULL,
	"lacking" text NOT NULL,
	"closed_on_spot" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'registered' NOT NULL,
	"triaged_by" text,
	"triaged_at" timestamp with time zone,
	"triage_note" text,
	"standard_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zero_refusal_standards" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"title" text NOT NULL,
	"standard" text NOT NULL,
	"scenario" jsonb NOT NULL,
	"services" jsonb NOT NULL,
	"published_by" text,
	"published_by_name" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "zero_refusal_cases" ADD CONSTRAINT "zero_refusal_cases_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zero_refusal_cases" ADD CONSTRAINT "zero_refusal_cases_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "zero_refusal_cases_status_idx" ON "zero_refusal_cases" USING btree ("status","created_at");