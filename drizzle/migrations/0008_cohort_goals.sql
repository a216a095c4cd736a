CREATE TABLE "cohort_goals" (
	"cohort_id" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"core_by" text NOT NULL,
	"all_by" text NOT NULL,
	"set_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cohort_goals" ADD CONSTRAINT "cohort_goals_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_goals" ADD CONSTRAINT "cohort_goals_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;