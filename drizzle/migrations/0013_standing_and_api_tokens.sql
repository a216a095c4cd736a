CREATE TYPE "public"."certification_source" AS ENUM('quiz', 'exam', 'micro', 'demo');--> statement-breakpoint
CREATE TABLE "person_standing" (
	"user_id" text PRIMARY KEY NOT NULL,
	"required" integer NOT NULL,
	"held_current" integer NOT NULL,
	"certified" integer NOT NULL,
	"outdated" integer NOT NULL,
	"next_expiry" timestamp with time zone,
	"exam_expires_at" timestamp with time zone,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_standing" (
	"user_id" text NOT NULL,
	"service_code" text NOT NULL,
	"revision" text NOT NULL,
	"current_expires_at" timestamp with time zone,
	"current_earned_at" timestamp with time zone,
	"older_revision" text,
	"older_expires_at" timestamp with time zone,
	CONSTRAINT "service_standing_user_id_service_code_pk" PRIMARY KEY("user_id","service_code")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"site_ids" integer[] NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "certifications" ALTER COLUMN "attempt_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "source" "certification_source" DEFAULT 'quiz' NOT NULL;--> statement-breakpoint
ALTER TABLE "person_standing" ADD CONSTRAINT "person_standing_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_standing" ADD CONSTRAINT "service_standing_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_standing" ADD CONSTRAINT "service_standing_service_code_services_code_fk" FOREIGN KEY ("service_code") REFERENCES "public"."services"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_standing_next_expiry_idx" ON "person_standing" USING btree ("next_expiry");--> statement-breakpoint
CREATE INDEX "service_standing_service_idx" ON "service_standing" USING btree ("service_code");--> statement-breakpoint
CREATE INDEX "service_standing_expires_idx" ON "service_standing" USING btree ("current_expires_at");