// Builders for people (sites, cohorts, users): used by the demo seed and, through
// tests/factories, by tests. Shipped code, so it imports nothing from tests/.
import { randomUUID } from 'node:crypto'
import { cohorts, sites, siteServices, trainerSites, users } from '#drizzle/schema/index.ts'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { getDb } from '#app/utils/db.server.ts'

let sequence = 0
function next() {
	sequence += 1
	return sequence
}

export async function makeSite(overrides: Partial<typeof sites.$inferInsert> = {}) {
	const n = next()
	const kind = overrides.kind ?? 'hall'
	const [site] = await getDb()
		.insert(sites)
		.values({
			code: `site-${n}`,
			name: `测试站点${n}`,
			kind,
			offersAllServices: kind === 'hall',
			...overrides,
		})
		.returning()
	if (!site) throw new Error('site not created')
	return site
}

export async function offerServices(siteId: number, codes: Array<string>) {
	if (codes.length === 0) return
	await getDb()
		.insert(siteServices)
		.values(codes.map((serviceCode) => ({ siteId, serviceCode })))
		.onConflictDoNothing()
}

export async function makeCohort(overrides: Partial<typeof cohorts.$inferInsert> = {}) {
	const n = next()
	const [cohort] = await getDb()
		.insert(cohorts)
		.values({ name: `测试班级${n}`, ...overrides })
		.returning()
	if (!cohort) throw new Error('cohort not created')
	return cohort
}

// Hashing is deliberately slow; tests and the demo share one hash per distinct password.
const hashes = new Map<string, Promise<string>>()
export function passwordHashFor(password: string): Promise<string> {
	let hash = hashes.get(password)
	if (!hash) {
		hash = hashPassword(password)
		hashes.set(password, hash)
	}
	return hash
}

export const defaultPassword = 'demo-password'

export async function makeUser(
	overrides: Partial<typeof users.$inferInsert> & {
		siteId: number
		password?: string
		managedSiteIds?: Array<number>
	},
) {
	const n = next()
	const { password = defaultPassword, managedSiteIds = [], ...rest } = overrides
	const [user] = await getDb()
		.insert(users)
		.values({
			id: randomUUID(),
			username: `user${n}`,
			displayName: `测试用户${n}`,
			role: 'clerk',
			passwordHash: await passwordHashFor(password),
			...rest,
		})
		.returning()
	if (!user) throw new Error('user not created')
	if (managedSiteIds.length > 0) {
		await getDb()
			.insert(trainerSites)
			.values(managedSiteIds.map((siteId) => ({ userId: user.id, siteId })))
	}
	return user
}
