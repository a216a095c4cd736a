CREATE TABLE "readiness_snapshots" (
	"day" date NOT NULL,
	"site_id" integer NOT NULL,
	"cohort_id" integer DEFAULT 0 NOT NULL,
	"people" integer NOT NULL,
	"ready" integer NOT NULL,
	"required" integer NOT NULL,
	"certified" integer NOT NULL,
	CONSTRAINT "readiness_snapshots_day_site_id_cohort_id_pk" PRIMARY KEY("day","site_id","cohort_id")
);
--> statement-breakpoint
ALTER TABLE "readiness_snapshots" ADD CONSTRAINT "readiness_snapshots_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certifications_board_idx" ON "certifications" USING btree ("user_id","kind","service_code","revision","expires_at");--> statement-breakpoint
CREATE INDEX "attempt_results_service_idx" ON "attempt_results" USING btree ("service_code");