// Upload a 办事指南 spreadsheet: read it like manual:import, show the field-level diff of every
// service it changes, then publish them together with one reason.
import {
	data,
	MaxPartSizeExceededError,
	redirect,
	unstable_createMemoryUploadHandler,
	unstable_parseMultipartFormData,
} from '@remix-run/node'
import { z } from 'zod'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import {
	changesSomething,
	latestPublishedId,
	publishManual,
	reviewEntry,
	type ServiceChange,
} from '#app/modules/catalog/published.server.ts'
import { readUploadedManual } from '#app/modules/content/manual-import.server.ts'
import { requireManualEditor } from '#app/modules/people/editor-right.server.ts'
import { requestLimits } from '#app/utils/request-limits.ts'

type Problem = { where: string; message: string }
type Staged = { code: string; frontmatter: unknown; baseId: number }

export type ImportActionData = {
	problems: Array<Problem>
	changes: Array<ServiceChange>
	staged: string | null
	unchanged: number
}

const reply = (status: number, body: Partial<ImportActionData>) =>
	data<ImportActionData>(
		{ problems: [], changes: [], staged: null, unchanged: 0, ...body },
		{ status },
	)

const publishSchema = z.object({
	reason: z.string().max(500),
	staged: z.string().max(requestLimits.uploadBodyBytes),
})
const stagedSchema = z
	.array(
		z.object({
			code: z.string().max(40),
			frontmatter: z.unknown(),
			baseId: z.number().int().min(0),
		}),
	)
	.min(1)
	.max(1000)

/** The importer's CLI wording (English) said in Chinese, the original kept in brackets. */
function importMessage(message: string): string {
	const known: Array<[RegExp, string]> = [
		[/required column is missing/, '表头缺少必需的列'],
		[/unsupported file type/, '只接受 .csv 或 .xlsx 文件'],
		[/has no service rows/, '表格中没有事项'],
		[/is not a readable spreadsheet/, '无法读取：请上传 UTF-8 或 GBK 编码的 CSV，或 XLSX 文件'],
		[/is too large/, '文件太大或解压后内容过多'],
		[/has more than \d+ (rows|columns)/, '行数或列数超过上限'],
		[/has a cell longer than/, '有单元格内容过长'],
		[/took too long|could not be read now/, '暂时无法读取，请稍后再试'],
		[/already appears in row/, '事项编码重复'],
		[/is not in (categories|units)\.yml|is not listed under/, '分类或后台单位不在登记表中'],
		[/has no form/, '材料须注明形式（原件、复印件、原件及复印件、电子材料、表格）'],
	]
	const found = known.find(([pattern]) => pattern.test(message))
	return `${found ? found[1] : '不符合手册规则'}（manual:import：${message}）`
}

export async function loadImportPage(request: Request) {
	await requireManualEditor(request)
	return { published: new URL(request.url).searchParams.get('published') }
}

async function review(file: File): Promise<ReturnType<typeof reply>> {
	const catalog = getCatalog()
	const existing = new Map([...catalog.services.values()].map((s) => [s.code, s.frontmatter]))
	const read = await readUploadedManual(
		file.name,
		new Uint8Array(await file.arrayBuffer()),
		existing,
		{ categories: catalog.categories, units: catalog.units },
	)
	if (!read.ok) {
		return reply(400, {
			problems: read.errors.map((e) => ({
				where: `第 ${e.row} 行${e.column !== '-' ? `「${e.column}」列` : ''}`,
				message: importMessage(e.message),
			})),
		})
	}
	const problems: Array<Problem> = []
	const changes: Array<ServiceChange> = []
	const staged: Array<Staged> = []
	let unchanged = 0
	for (const { row, frontmatter } of read.services) {
		const current = catalog.services.get(frontmatter.code)
		if (!current) {
			problems.push({
				where: `第 ${row} 行`,
				message: `${frontmatter.code} 不是手册中已有的事项：新事项请由系统管理员用 manual:import 添加`,
			})
			continue
		}
		const reviewed = await reviewEntry(
			{ code: current.code, frontmatter, body: current.body },
			catalog,
		)
		if (!reviewed.ok) {
			problems.push(
				...reviewed.problems.map((p) => ({
					where: `第 ${row} 行 ${current.code}`,
					message: p.message,
				})),
			)
			continue
		}
		if (!changesSomething(reviewed.candidate.change)) {
			unchanged++
			continue
		}
		changes.push(reviewed.candidate.change)
		staged.push({ code: current.code, frontmatter, baseId: await latestPublishedId(current.code) })
	}
	if (problems.length > 0) return reply(400, { problems })
	return reply(200, {
		changes,
		unchanged,
		staged: staged.length > 0 ? JSON.stringify(staged) : null,
	})
}

export async function importAction(request: Request) {
	const actor = await requireManualEditor(request)
	let form: FormData
	try {
		form = (request.headers.get('content-type') ?? '').startsWith('multipart/form-data')
			? await unstable_parseMultipartFormData(
					request,
					unstable_createMemoryUploadHandler({ maxPartSize: requestLimits.uploadFileBytes }),
				)
			: await request.formData()
	} catch (error) {
		if (error instanceof MaxPartSizeExceededError)
			return reply(413, { problems: [{ where: '文件', message: '文件太大（最大 2 MB）。' }] })
		return reply(400, { problems: [{ where: '文件', message: '请选择要上传的文件。' }] })
	}
	if (form.get('intent') !== 'publish') {
		const file = form.get('file')
		if (!(file instanceof File) || file.size === 0)
			return reply(400, { problems: [{ where: '文件', message: '请选择要上传的文件。' }] })
		return review(file)
	}
	const parsed = publishSchema.safeParse({ reason: form.get('reason'), staged: form.get('staged') })
	if (!parsed.success) throw new Response('Bad request', { status: 400 })
	let staged: Array<Staged>
	try {
		const entries = stagedSchema.safeParse(JSON.parse(parsed.data.staged))
		if (!entries.success) throw new Response('Bad request', { status: 400 })
		staged = entries.data
	} catch {
		throw new Response('Bad request', { status: 400 })
	}
	const catalog = getCatalog()
	const entries = staged.map((s) => ({
		code: s.code,
		frontmatter: s.frontmatter,
		body: catalog.services.get(s.code)?.body ?? '',
		baseId: s.baseId,
	}))
	const result = await publishManual({ actor, reason: parsed.data.reason, entries })
	if (!result.ok) {
		return reply(400, {
			problems: result.problems.map((p) => ({
				where: p.code === '-' ? '发布' : p.code,
				message: p.message,
			})),
			staged: parsed.data.staged,
		})
	}
	throw redirect(`/editor/import?published=${result.changes.length}`)
}
