// The vocabulary of lesson components (documented in docs/content.md). Lessons are rendered to
// HTML once per content revision, so these are server-rendered, static components: no hooks.
import { type ReactNode } from 'react'
import { z } from 'zod'
import { type Frontmatter, type Unit } from '#app/modules/content/schema.ts'

export type LessonContext = {
	service: Frontmatter
	/** Any service by code, for comparison tables (the build records which ones were read). */
	findService: (code: string) => Frontmatter | undefined
	units: ReadonlyArray<Unit>
}

/** A content error raised while rendering: content:check reports it with the file. */
export class LessonComponentError extends Error {
	constructor(
		readonly component: string,
		message: string,
	) {
		super(`<${component}>: ${message}`)
	}
}

function parseProps<T extends z.ZodType>(component: string, schema: T, props: unknown): z.infer<T> {
	const result = schema.safeParse(props)
	if (!result.success) {
		const issue = result.error.issues[0]
		throw new LessonComponentError(
			component,
			`${issue?.path.join('.') || 'props'}: ${issue?.message ?? 'invalid'}`,
		)
	}
	return result.data
}

const noProps = z.strictObject({})
const childrenProps = z.strictObject({ children: z.custom<ReactNode>().optional() })
const titledProps = z.strictObject({
	title: z.string().trim().min(1).optional(),
	children: z.custom<ReactNode>().optional(),
})

export function formatTimeLimit(service: Pick<Frontmatter, 'mode' | 'promiseDays'>): string {
	return service.mode === '即办' ? '即办（当场办结）' : `承诺 ${service.promiseDays} 个工作日`
}

export function formatLegalDays(service: Pick<Frontmatter, 'legalDays'>): string {
	return service.legalDays
		? `${service.legalDays.value} 个${service.legalDays.unit}`
		: '法律法规未规定'
}

/** Bump when a component's markup changes, so cached lesson HTML is rendered again. */
export const lessonRendererVersion = '1'

export function createLessonComponents({ service, findService, units }: LessonContext) {
	function MaterialsTable(props: unknown) {
		parseProps('MaterialsTable', noProps, props)
		return (
			<div className="lesson-table-wrap">
				<table className="lesson-materials">
					<caption>申请材料（{service.materials.length} 项）</caption>
					<thead>
						<tr>
							<th scope="col">材料</th>
							<th scope="col">形式</th>
							<th scope="col">条件与说明</th>
						</tr>
					</thead>
					<tbody>
						{service.materials.map((material) => (
							<tr key={material.name}>
								<td>{material.name}</td>
								<td>
									<span className="badge">{material.form}</span>
								</td>
								<td>{material.note ?? '必交'}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		)
	}

	function StepFlow(props: unknown) {
		parseProps('StepFlow', noProps, props)
		return (
			<ol className="lesson-steps">
				{service.steps.map((step, index) => (
					<li key={index}>{step}</li>
				))}
			</ol>
		)
	}

	function RoutingCard(props: unknown) {
		parseProps('RoutingCard', noProps, props)
		const unit = units.find((u) => u.name === service.backOffice)
		return (
			<aside className="lesson-routing" aria-label="后台流转">
				<p className="lesson-routing-unit">
					<span className="lesson-label">后台审核</span>
					<strong>{service.backOffice}</strong>
					{unit ? (
						<span className="lesson-muted">
							（{unit.kind}：{unit.duty}）
						</span>
					) : null}
				</p>
				<dl>
					<div>
						<dt>办件类型</dt>
						<dd>{service.mode}件</dd>
					</div>
					<div>
						<dt>承诺时限</dt>
						<dd>{formatTimeLimit(service)}</dd>
					</div>
					<div>
						<dt>法定时限</dt>
						<dd>{formatLegalDays(service)}</dd>
					</div>
					<div>
						<dt>网上办理</dt>
						<dd>{service.onlineAvailable ? '可以网办或掌上办' : '须到窗口办理'}</dd>
					</div>
				</dl>
			</aside>
		)
	}

	function TimeLimit(props: unknown) {
		parseProps('TimeLimit', noProps, props)
		return (
			<span className={service.mode === '即办' ? 'badge badge-ok' : 'badge badge-info'}>
				{formatTimeLimit(service)}
			</span>
		)
	}

	function PitfallList(props: unknown) {
		parseProps('PitfallList', noProps, props)
		return (
			<ul className="lesson-pitfalls">
				{service.pitfalls.map((pitfall) => (
					<li key={pitfall}>{pitfall}</li>
				))}
			</ul>
		)
	}

	function LegalBasis(props: unknown) {
		parseProps('LegalBasis', noProps, props)
		return (
			<ul className="lesson-basis">
				{service.basis.map((basis) => (
					<li key={basis}>{basis}</li>
				))}
			</ul>
		)
	}

	function Pitfall(props: unknown) {
		const { title, children } = parseProps('Pitfall', titledProps, props)
		return (
			<aside className="callout callout-warning">
				<p className="callout-title">易错：{title ?? '注意'}</p>
				{children}
			</aside>
		)
	}

	function CaseBox(props: unknown) {
		const { title, children } = parseProps('CaseBox', titledProps, props)
		return (
			<aside className="callout callout-case">
				<p className="callout-title">办理实例{title ? `：${title}` : ''}</p>
				{children}
			</aside>
		)
	}

	function LocalRule(props: unknown) {
		const { children } = parseProps('LocalRule', childrenProps, props)
		return (
			<aside className="callout callout-local">
				<p className="callout-title">以当地规定为准</p>
				{children}
			</aside>
		)
	}

	function Note(props: unknown) {
		const { title, children } = parseProps('Note', titledProps, props)
		return (
			<aside className="callout callout-note">
				<p className="callout-title">{title ?? '窗口提示'}</p>
				{children}
			</aside>
		)
	}

	const compareProps = z.strictObject({
		codes: z.array(z.string()).min(2, 'needs at least two service codes'),
	})
	function CompareTable(props: unknown) {
		const { codes } = parseProps('CompareTable', compareProps, props)
		const compared = codes.map((code) => {
			const found = findService(code)
			if (!found) throw new LessonComponentError('CompareTable', `unknown service code "${code}"`)
			return found
		})
		const rows: Array<[string, (s: Frontmatter) => ReactNode]> = [
			['受理条件', (s) => s.eligibility],
			['办件类型与时限', (s) => formatTimeLimit(s)],
			['后台单位', (s) => s.backOffice],
			['主要材料', (s) => s.materials.map((m) => m.name).join('；')],
		]
		return (
			<div className="lesson-table-wrap">
				<table className="lesson-compare">
					<caption>相近事项对照</caption>
					<thead>
						<tr>
							<th scope="col">项目</th>
							{compared.map((s) => (
								<th scope="col" key={s.code}>
									<a href={`/services/${s.code}`}>{s.name}</a>
								</th>
							))}
						</tr>
					</thead>
					<tbody>
						{rows.map(([label, cell]) => (
							<tr key={label}>
								<th scope="row">{label}</th>
								{compared.map((s) => (
									<td key={s.code}>{cell(s)}</td>
								))}
							</tr>
						))}
					</tbody>
				</table>
			</div>
		)
	}

	return {
		MaterialsTable,
		StepFlow,
		RoutingCard,
		TimeLimit,
		PitfallList,
		LegalBasis,
		Pitfall,
		CaseBox,
		LocalRule,
		Note,
		CompareTable,
	}
}

export const lessonComponentNames = Object.keys(
	createLessonComponents({
		service: {
			code: 'X-0',
			name: '',
			category: '',
			subcategory: '',
			type: '公共服务',
			backOffice: '',
			mode: '即办',
			promiseDays: null,
			legalDays: null,
			eligibility: '',
			materials: [],
			steps: [],
			basis: [],
			pitfalls: [],
			onlineAvailable: false,
			confidence: 'high',
		},
		findService: () => undefined,
		units: [],
	}),
)
