// Demo data for the embedded database: loaded by `npm start` when the database is empty, never
// when DATABASE_URL is set. Built with the same factories as the tests.
import { count } from 'drizzle-orm'
import { users } from '#drizzle/schema/index.ts'
import { getDb } from '#app/utils/db.server.ts'
import {
	makeCohort,
	makeSite,
	makeUser,
	offerServices,
} from '#app/modules/people/builders.server.ts'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { backfillSnapshots, shanghaiDay } from '#app/modules/readiness/trend.server.ts'
import { seedDemoLearning } from './learning.server.ts'

const surnames = [
	'王',
	'李',
	'张',
	'刘',
	'陈',
	'杨',
	'赵',
	'黄',
	'周',
	'吴',
	'徐',
	'孙',
	'胡',
	'朱',
	'高',
	'林',
	'何',
	'郭',
	'马',
	'罗',
]
const givenNames = [
	'建华',
	'丽娟',
	'志强',
	'晓燕',
	'海峰',
	'春梅',
	'国庆',
	'雪莲',
	'文博',
	'佳怡',
	'浩然',
	'思琪',
	'宏伟',
	'秀英',
	'子涵',
	'明辉',
	'婷婷',
	'立新',
	'雨欣',
	'俊杰',
]

/** Services a community point typically accepts: cards, registration, residents' pension, certificates. */
export const communityPointServices = (catalog: Pick<Catalog, 'ordered'>) =>
	catalog.ordered
		.filter(
			(s) =>
				[
					'社会保障卡申领与补换',
					'社会保障卡应用管理',
					'电子社会保障卡',
					'就业失业登记',
					'城乡居民基本养老保险',
				].includes(s.frontmatter.subcategory) ||
				[
					'XY-YL-026',
					'XY-YL-027',
					'XY-SB-014',
					'XY-SB-016',
					'XY-ZH-001',
					'XY-ZH-003',
					'XY-ZH-010',
				].includes(s.code),
		)
		.map((s) => s.code)

export async function isDatabaseEmpty(): Promise<boolean> {
	const [row] = await getDb().select({ n: count() }).from(users)
	return (row?.n ?? 0) === 0
}

export async function seedDemo(catalog: Catalog): Promise<void> {
	const hall = await makeSite({ code: 'hall', name: '市人社服务大厅', kind: 'hall' })
	const migong = await makeSite({ code: 'migong', name: '米公街道服务点', kind: 'point' })
	const gucheng = await makeSite({ code: 'gucheng', name: '古城社区服务点', kind: 'point' })
	const pointServices = communityPointServices(catalog)
	await offerServices(migong.id, pointServices)
	await offerServices(gucheng.id, pointServices)

	const newcomers = await makeCohort({ name: '2026年第3期新员工班', startsOn: '2026-09-01' })
	const veterans = await makeCohort({ name: '2026年在岗人员轮训班', startsOn: '2026-03-01' })

	await makeUser({ username: 'admin', displayName: '系统管理员', role: 'admin', siteId: hall.id })
	await makeUser({
		username: 'trainer',
		displayName: '周培训',
		role: 'trainer',
		siteId: hall.id,
		managedSiteIds: [migong.id],
	})
	await makeUser({
		username: 'trainer2',
		displayName: '郑老师',
		role: 'trainer',
		siteId: gucheng.id,
	})
	const clerk = await makeUser({
		username: 'clerk',
		displayName: '李小窗',
		role: 'clerk',
		siteId: hall.id,
		cohortId: newcomers.id,
	})

	const clerks = [clerk]
	for (let i = 0; i < 40; i++) {
		const site = i < 26 ? hall : i < 34 ? migong : gucheng
		const cohort = i % 3 === 0 ? veterans : newcomers
		clerks.push(
			await makeUser({
				username: `c${String(1001 + i)}`,
				displayName: `${surnames[i % surnames.length]}${givenNames[(i * 7) % givenNames.length]}`,
				role: 'clerk',
				siteId: site.id,
				cohortId: cohort.id,
			}),
		)
	}
	await seedDemoLearning(catalog, clerks)
	// Twelve weeks of readiness history for the trend charts, rebuilt from the records above.
	const today = Date.now()
	await backfillSnapshots(
		Array.from({ length: 12 }, (_, i) => shanghaiDay(new Date(today - (12 - i) * 7 * 86_400_000))),
	)
}
