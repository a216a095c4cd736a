// Exports of the board, the alerts and the certification records, as CSV or XLSX (streamed).
import { type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireRole } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { managedSiteIds } from '#app/modules/people/people.server.ts'
import { boardFilterSchema, loadBoard, type BoardRow } from '#app/modules/readiness/board.server.ts'
import { alertKinds, loadAlerts, type AlertRow } from '#app/modules/readiness/drilldown.server.ts'
import {
	certificationExport,
	csvResponse,
	once,
	xlsxResponse,
	type Column,
} from '#app/modules/reports/export.server.ts'
import { shanghaiDay } from '#app/modules/readiness/trend.server.ts'

const querySchema = z.object({
	what: z.enum(['board', 'alerts', 'certifications']),
	format: z.enum(['csv', 'xlsx']),
	kind: z.enum(alertKinds).optional(),
})

const statusLabels: Record<BoardRow['status'], string> = {
	ready: '可上综合窗口',
	almost: '接近就绪',
	outdated: '有需重新认证',
	progress: '学习中',
}
const alertTitles = {
	expiring: '即将到期',
	expired: '已过期',
	outdated: '需重新认证',
	never: '从未参加测验',
	failed: '三次未通过',
} as const

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const scope = await managedSiteIds(actor)
	const params = Object.fromEntries(new URL(request.url).searchParams)
	const parsed = querySchema.safeParse(params)
	if (!parsed.success) throw new Response('Bad export request', { status: 400 })
	const { what, format, kind } = parsed.data
	const catalog = getCatalog()
	const day = shanghaiDay()
	const respond = <T,>(
		name: string,
		sheet: string,
		columns: Array<Column<T>>,
		batches: AsyncIterable<Array<T>>,
	) =>
		format === 'csv'
			? csvResponse(`${name}-${day}.csv`, columns, batches)
			: xlsxResponse(`${name}-${day}.xlsx`, sheet, columns, batches)

	if (what === 'board') {
		const categories = catalog.categories.map((c) => c.name)
		const rows = await loadBoard({
			scope,
			filter: boardFilterSchema.parse(params),
			expiringSoonDays: catalog.rules.expiringSoonDays,
			categories,
		})
		const columns: Array<Column<BoardRow>> = [
			{ header: '工号', value: (r) => r.username, width: 12 },
			{ header: '姓名', value: (r) => r.displayName, width: 10 },
			{ header: '站点', value: (r) => r.siteName, width: 16 },
			{ header: '班级', value: (r) => r.cohortName, width: 20 },
			{ header: '状态', value: (r) => statusLabels[r.status], width: 14 },
			{ header: '已认证事项', value: (r) => r.certified },
			{ header: '应认证事项', value: (r) => r.required },
			{ header: '需重新认证', value: (r) => r.outdated },
			{ header: '即将到期', value: (r) => r.expiring },
			{ header: '上岗考试', value: (r) => (r.examValid ? '有效' : '未通过或已过期'), width: 14 },
			// Certified and required in their own number columns: a cell like 8/8 opens in Excel as a date.
			...categories.flatMap((c) => [
				{ header: `${c} 已认证`, value: (r: BoardRow) => r.cells[c]?.certified ?? null, width: 12 },
				{ header: `${c} 应认证`, value: (r: BoardRow) => r.cells[c]?.required ?? null, width: 12 },
			]),
		]
		return respond('就绪看板', '就绪看板', columns, once(rows))
	}
	if (what === 'alerts') {
		const alertKind = kind ?? 'expiring'
		const rows = await loadAlerts(alertKind, scope)
		const columns: Array<Column<AlertRow>> = [
			{ header: '工号', value: (r) => r.username, width: 12 },
			{ header: '姓名', value: (r) => r.displayName, width: 10 },
			{ header: '站点', value: (r) => r.siteName, width: 16 },
			{ header: '事项编码', value: (r) => r.serviceCode, width: 12 },
			{ header: '事项名称', value: (r) => r.serviceName, width: 30 },
			{
				header: alertKind === 'never' ? '建档日期' : alertKind === 'failed' ? '最近一次' : '到期日',
				value: (r) => r.date,
				width: 18,
			},
			{ header: alertKind === 'failed' ? '未通过次数' : '变化', value: (r) => r.detail, width: 40 },
		]
		return respond(`提醒-${alertTitles[alertKind]}`, alertTitles[alertKind], columns, once(rows))
	}
	const records = certificationExport(scope)
	return respond('认证记录', '认证记录', records.columns, records.batches)
}
