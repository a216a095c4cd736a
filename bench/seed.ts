// The bench's data: 2,000 clerks across the hall and six community points, ~700,000
// certification rows with a realistic mix (valid, expiring, expired, earned on an older revision,
// renewals) and exam passes; sessions for an admin and for the clerks who read lessons. Exam-day
// clerks (b00001…) sign in through the form with the password `benchPassword`.
import { randomBytes, randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { serviceRevisions, sessions, users } from '#drizzle/schema/index.ts'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { revisionOf } from '#app/modules/content/revision.ts'
import { getDb, queryRows } from '#app/utils/db.server.ts'
import {
	makeCohort,
	makeSite,
	makeUser,
	offerServices,
	passwordHashFor,
} from '#tests/factories/people.ts'

export const benchPassword = 'bench-password'

export type BenchPeople = {
	adminSession: string
	/** Session ids of `readers` clerks from the end of the list (not the exam-day clerks). */
	readerSessions: Array<string>
	clerks: number
	certifications: number
}

export async function seedBench(
	catalog: Catalog,
	options: { clerks: number; certifications: boolean; readers: number },
): Promise<BenchPeople> {
	const db = getDb()
	const hall = await makeSite({ code: 'hall', name: '市人社服务大厅', kind: 'hall' })
	const pointCodes = catalog.ordered
		.filter((s) =>
			[
				'社会保障卡申领与补换',
				'社会保障卡应用管理',
				'就业失业登记',
				'城乡居民基本养老保险',
			].includes(s.frontmatter.subcategory),
		)
		.map((s) => s.code)
	const points: Array<Awaited<ReturnType<typeof makeSite>>> = []
	for (let i = 1; i <= 6; i++) {
		const point = await makeSite({ code: `point${i}`, name: `第${i}社区服务点`, kind: 'point' })
		await offerServices(point.id, pointCodes)
		points.push(point)
	}
	const cohorts: Array<Awaited<ReturnType<typeof makeCohort>>> = []
	for (let i = 1; i <= 8; i++) cohorts.push(await makeCohort({ name: `2026年第${i}期` }))
	const admin = await makeUser({ username: 'bench-admin', role: 'admin', siteId: hall.id })

	// Clerks in bulk: one shared password hash (hashing 2,000 with argon2 would be the bench).
	const hash = await passwordHashFor(benchPassword)
	const rows = Array.from({ length: options.clerks }, (_, i) => ({
		id: randomUUID(),
		username: `b${String(i + 1).padStart(5, '0')}`,
		displayName: `学员${i + 1}`,
		role: 'clerk' as const,
		siteId: i % 10 < 7 ? hall.id : (points[i % points.length]?.id ?? hall.id),
		cohortId: cohorts[i % cohorts.length]?.id ?? null,
		passwordHash: hash,
	}))
	for (let i = 0; i < rows.length; i += 1000) await db.insert(users).values(rows.slice(i, i + 1000))

	if (options.certifications) await seedCertifications(catalog)

	const adminSession = randomBytes(20).toString('hex')
	const readerSessions = rows.slice(-options.readers).map(() => randomBytes(20).toString('hex'))
	const expiresAt = new Date(Date.now() + 12 * 3_600_000)
	await db.insert(sessions).values([
		{ id: adminSession, userId: admin.id, expiresAt },
		...rows.slice(-options.readers).map((row, i) => ({
			id: readerSessions[i] ?? '',
			userId: row.id,
			expiresAt,
		})),
	])
	// Vacuumed as well as analyzed: the measurements then see the steady state a running database
	// reaches (autovacuum), not autovacuum working through a fresh 700,000-row load beside them.
	await getDb().execute(sql`vacuum analyze`)
	const [counts] = await queryRows<{ n: number }>(
		sql`select count(*)::int as n from certifications`,
	)
	return { adminSession, readerSessions, clerks: options.clerks, certifications: counts?.n ?? 0 }
}

async function seedCertifications(catalog: Catalog) {
	const db = getDb()
	// Older editions of 30 services, so some certifications are "outdated".
	const changed = catalog.ordered.filter((_, i) => i % 11 === 0).slice(0, 30)
	for (const service of changed) {
		const old = {
			...service.normative,
			promiseDays:
				service.normative.promiseDays === null ? null : service.normative.promiseDays + 5,
			pitfalls: service.normative.pitfalls.slice(1),
		}
		await db
			.insert(serviceRevisions)
			.values({
				serviceCode: service.code,
				revision: revisionOf(old),
				normative: old,
				firstSeenAt: sql`now() - interval '300 days'`,
			})
			.onConflictDoNothing()
	}

	// Certifications through real attempt rows (every certification names its attempt).
	// Per clerk a progress level; per offered service a certification with that chance, and
	// older, expired ones from earlier years (renewals); 1 in 15 is on an older revision.
	await db.execute(sql`
		create temporary table bench_pairs as
		with progress as (
			select u.id as user_id, u.site_id, (0.35 + 0.65 * random()) as level from users u where u.role = 'clerk'
		),
		offered as (
			select s.id as site_id, sv.code, sv.current_revision from sites s join services sv on sv.active
			where s.offers_all_services or exists (select 1 from site_services ss where ss.site_id = s.id and ss.service_code = sv.code)
		)
		select p.user_id, o.code, o.current_revision, k,
			case when k = 1 then floor(random() * 360)::int else 380 + 300 * (k - 2) + floor(random() * 300)::int end as age_days,
			(k = 1 and random() < 0.07) as on_old
		from progress p join offered o on o.site_id = p.site_id
		cross join generate_series(1, 3) k
		where random() < case when k = 1 then p.level when k = 2 then 0.85 * p.level else 0.25 * p.level end`)
	await db.execute(sql`
		with picked as (
			select bp.*, coalesce(
				(select r.revision from service_revisions r where r.service_code = bp.code and r.revision <> bp.current_revision limit 1),
				bp.current_revision) as old_revision
			from bench_pairs bp
		),
		made as (
			insert into attempts (id, user_id, kind, service_code, revision, seed, items, status, started_at, submitted_at, position, percent, correct_count, total, passed)
			select gen_random_uuid()::text, user_id, 'service', code,
				case when on_old then old_revision else current_revision end,
				'bench', '[]'::jsonb, 'submitted',
				now() - make_interval(days => age_days) - interval '8 minutes', now() - make_interval(days => age_days),
				8, 100, 8, 8, true
			from picked
			returning id, user_id, service_code, revision, submitted_at
		)
		insert into certifications (user_id, kind, service_code, revision, attempt_id, earned_at, expires_at)
		select user_id, 'service', service_code, revision, id, submitted_at, submitted_at + interval '12 months' from made`)
	await db.execute(sql`
		with made as (
			insert into attempts (id, user_id, kind, service_code, revision, seed, items, status, started_at, submitted_at, position, percent, correct_count, total, passed)
			select gen_random_uuid()::text, id, 'exam', null, 'bench', 'bench', '[]'::jsonb, 'submitted',
				now() - interval '90 days' - interval '50 minutes', now() - interval '90 days', 50, 92, 46, 50, true
			from users where role = 'clerk' and random() < 0.45
			returning id, user_id, submitted_at
		)
		insert into certifications (user_id, kind, service_code, revision, attempt_id, earned_at, expires_at)
		select user_id, 'exam', null, 'bench', id, submitted_at, submitted_at + interval '12 months' from made`)
	await db.execute(sql`drop table bench_pairs`)
}
