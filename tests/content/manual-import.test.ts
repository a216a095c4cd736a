import { readFile } from 'node:fs/promises'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { beforeEach, describe, expect, test } from 'vitest'
import { writeFile } from 'node:fs/promises'
import { loadContent } from '#app/modules/content/load.server.ts'
import { applyImport, parseMaterial, parseTimeLimit, planImport, splitList } from '#app/modules/content/manual-import.server.ts'
import { copyFixtureContent } from '#tests/utils/content.ts'

const header = '序号,事项编码, 事项 名称 ,所属分类,子分类,事项类型,责任单位,办件类型（即办件/承诺件）,法定办结时限,承诺办结时限,受理条件,申请材料,办理流程,设定依据,常见问题,是否网办'

function row(fields: Partial<Record<string, string>>) {
	const values = {
		n: '1',
		code: 'XY-SY-901',
		name: '失业人员求职补贴申领',
		category: '社会保险',
		sub: '失业保险',
		type: '行政给付',
		unit: '失业保险管理局',
		mode: '承诺件',
		legal: '',
		promise: '10个工作日',
		eligibility: '领取失业保险金期间积极求职的失业人员。',
		materials: '居民身份证（原件）；求职登记表（表格）；劳动合同（复印件，已签订的提供）',
		steps: '1. 综合窗口受理\n2. 失业保险管理局审核\n3. 发放',
		basis: '《失业保险条例》',
		pitfalls: '补贴与失业保险金不能重复计算',
		online: '是',
		...fields,
	}
	return Object.values(values)
		.map((v) => (/[,"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
		.join(',')
}

let root: string
let dir: string
beforeEach(async () => {
	root = await copyFixtureContent()
	dir = path.dirname(root)
})

async function csv(name: string, rows: Array<string>, bom = true) {
	const file = path.join(dir, `${name}-${Date.now()}.csv`)
	await writeFile(file, `${bom ? '\uFEFF' : ''}${header}\n${rows.join('\n')}\n`)
	return file
}

describe('cell parsing', () => {
	test.each([
		['15', { kind: 'days', value: 15, unit: null }],
		['15个工作日', { kind: 'days', value: 15, unit: '工作日' }],
		['15 个 工作日', { kind: 'days', value: 15, unit: '工作日' }],
		['６０日', { kind: 'days', value: 60, unit: '自然日' }],
		['六十日', { kind: 'days', value: 60, unit: '自然日' }],
		['即办', { kind: 'immediate' }],
		['', { kind: 'none' }],
		['—', { kind: 'none' }],
		['两周', { kind: 'invalid' }],
	])('time limit %j', (text, expected) => {
		expect(parseTimeLimit(text)).toEqual(expected)
	})

	test('materials with forms and conditions in full- or half-width brackets', () => {
		expect(parseMaterial('居民身份证（原件）')).toEqual({ ok: true, material: { name: '居民身份证', form: '原件' } })
		expect(parseMaterial(' 劳动合同(复印件,系统已共享的可免交) ')).toEqual({ ok: true, material: { name: '劳动合同', form: '复印件', note: '系统已共享的可免交' } })
		expect(parseMaterial('授权委托书（原件）：委托他人代办时提供')).toEqual({ ok: true, material: { name: '授权委托书', form: '原件', note: '委托他人代办时提供' } })
		expect(parseMaterial('求职登记表')).toEqual({ ok: true, material: { name: '求职登记表', form: '表格' } })
		expect(parseMaterial('户口簿').ok).toBe(false)
	})

	test('lists split on lines and ；/; with numbering removed', () => {
		expect(splitList('1. 受理\n2、审核；③办结; 第四步：送达')).toEqual(['受理', '审核', '办结', '送达'])
	})
})

describe('manual:import', () => {
	test('imports new services from a CSV with BOM, extra columns, merged header whitespace and blank rows', async () => {
		const file = await csv('new', [row({}), ',,,,,,,,,,,,,,,', row({ n: '2', code: 'XY-SY-902', name: '失业人员职业介绍补贴申领', mode: '即办件', promise: '即办', online: '否' })])
		const plan = await planImport(file, root)
		expect(plan.ok).toBe(true)
		if (!plan.ok) return
		expect(plan.plan.created.map((c) => c.code)).toEqual(['XY-SY-901', 'XY-SY-902'])
		await applyImport(plan.plan)
		const content = await loadContent(root)
		expect(content.errors).toEqual([])
		const imported = content.services.find((s) => s.code === 'XY-SY-901')?.frontmatter
		expect(imported?.materials).toEqual([
			{ name: '居民身份证', form: '原件' },
			{ name: '求职登记表', form: '表格' },
			{ name: '劳动合同', form: '复印件', note: '已签订的提供' },
		])
		expect(imported?.steps).toEqual(['综合窗口受理', '失业保险管理局审核', '发放'])
		expect(imported?.promiseDays).toBe(10)
		expect(content.services.find((s) => s.code === 'XY-SY-902')?.frontmatter).toMatchObject({ mode: '即办', promiseDays: null, onlineAvailable: false })
	})

	test('a file with bad rows lists every error by row and column and writes nothing', async () => {
		const before = await loadContent(root)
		const file = await csv('bad', [
			row({}),
			row({ n: '2', code: 'XY-SY-903', unit: '人社局' }),
			row({ n: '3', code: 'XY-SY-904', mode: '当场' }),
			row({ n: '4', code: 'XY-SY-905', materials: '户口簿' }),
			row({ n: '5', code: 'XY-SY-901' }),
			row({ n: '6', code: 'XY-SY-906', promise: '两周' }),
		])
		const plan = await planImport(file, root)
		expect(plan.ok).toBe(false)
		if (plan.ok) return
		expect(plan.errors.map((e) => [e.row, e.column])).toEqual([
			[3, '责任单位'],
			[4, '办件类型'],
			[5, '申请材料'],
			[6, '事项编码'],
			[7, '承诺办结时限'],
		])
		expect(plan.errors[0]?.message).toContain('人社局')
		const after = await loadContent(root)
		expect(after.services.map((s) => s.code)).toEqual(before.services.map((s) => s.code))
	})

	test('re-importing an edited row bumps exactly that service, keeps its hand-written body, and a prose-only re-import bumps nothing', async () => {
		const first = await planImport(await csv('v1', [row({}), row({ n: '2', code: 'XY-SY-902', name: '失业人员职业介绍补贴申领' })]), root)
		if (!first.ok) throw new Error('first import failed')
		await applyImport(first.plan)
		const lesson = path.join(root, 'services', 'XY-SY-901', 'lesson.mdx')
		const handWritten = (await readFile(lesson, 'utf8')).replace('## 事项概述\n', '## 事项概述\n\n这段是培训师手写的讲解，导入不能覆盖。\n')
		await writeFile(lesson, handWritten)
		const revisionsBefore = new Map((await loadContent(root)).services.map((s) => [s.code, s.revision]))

		const second = await planImport(await csv('v2', [row({ promise: '5个工作日' }), row({ n: '2', code: 'XY-SY-902', name: '失业人员职业介绍补贴申领' })]), root)
		if (!second.ok) throw new Error('second import failed')
		expect(second.plan.changed.map((c) => c.code)).toEqual(['XY-SY-901'])
		expect(second.plan.changed[0]?.changes).toEqual(['承诺时限 10→5 个工作日'])
		expect(second.plan.unchanged.map((c) => c.code)).toEqual(['XY-SY-902'])
		await applyImport(second.plan)
		const after = await loadContent(root)
		for (const service of after.services) {
			if (service.code === 'XY-SY-901') expect(service.revision).not.toBe(revisionsBefore.get(service.code))
			else expect(service.revision).toBe(revisionsBefore.get(service.code))
		}
		expect(await readFile(lesson, 'utf8')).toContain('这段是培训师手写的讲解，导入不能覆盖。')
	})

	test('reads XLSX in the same layout', async () => {
		const workbook = new ExcelJS.Workbook()
		const sheet = workbook.addWorksheet('办事指南')
		sheet.addRow(header.split(','))
		sheet.addRow(['1', 'XY-SBK-901', '社会保障卡补卡进度查询', '社会保障卡', '社会保障卡申领与补换', '公共服务', '社会保障卡服务中心', '即办件', '', '即办', '持卡人可查询补卡制卡进度。', '居民身份证（原件）', '窗口查询\n告知结果', '《社会保险法》', '进度以系统为准', '是'])
		const file = path.join(dir, `guide-${Date.now()}.xlsx`)
		await workbook.xlsx.writeFile(file)
		const plan = await planImport(file, root)
		expect(plan.ok && plan.plan.created.map((c) => c.code)).toEqual(['XY-SBK-901'])
	})

	test('reads XLSX cells as Excel shows them: rich text, formula results, dates', async () => {
		const workbook = new ExcelJS.Workbook()
		const sheet = workbook.addWorksheet('办事指南')
		sheet.addRow(header.split(','))
		sheet.addRow([
			'1',
			'XY-SBK-902',
			{ richText: [{ text: '社会保障卡' }, { font: { bold: true }, text: '密码重置' }] },
			'社会保障卡',
			'社会保障卡申领与补换',
			'公共服务',
			'社会保障卡服务中心',
			'承诺件',
			'',
			{ formula: '10+5', result: 15 },
			'持卡人本人可申请重置服务密码。',
			'居民身份证（原件）',
			'窗口受理\n制卡中心处理',
			new Date(Date.UTC(2026, 0, 2)),
			'密码重置须本人办理',
			{ formula: 'IF(1=1,"是","否")', result: '是' },
		])
		sheet.getCell('N2').numFmt = 'yyyy"年"m"月"d"日"'
		const file = path.join(dir, `cells-${Date.now()}.xlsx`)
		await workbook.xlsx.writeFile(file)
		const plan = await planImport(file, root)
		if (!plan.ok) throw new Error(plan.errors.map((e) => `${e.column}: ${e.message}`).join('\n'))
		await applyImport(plan.plan)
		const imported = (await loadContent(root)).services.find((s) => s.code === 'XY-SBK-902')
		expect(imported?.frontmatter).toMatchObject({
			name: '社会保障卡密码重置',
			promiseDays: 15,
			basis: ['2026-01-02'],
			onlineAvailable: true,
		})
	})

	test('a spreadsheet past its limits is refused by row and column, before it is all read', async () => {
		const workbook = new ExcelJS.Workbook()
		const sheet = workbook.addWorksheet('办事指南')
		sheet.addRow(header.split(','))
		sheet.addRow(['1', 'XY-SBK-903', '长'.repeat(20_001)])
		const file = path.join(dir, `long-${Date.now()}.xlsx`)
		await workbook.xlsx.writeFile(file)
		const plan = await planImport(file, root)
		expect(plan.ok === false && plan.errors).toEqual([
			{ row: 2, column: '3', message: 'the XLSX file has a cell longer than 20000 characters' },
		])
	})

	test("reads the reference catalog's JSONL, infers statutory day units, and a second import changes nothing", async () => {
		const file = path.resolve('tests/fixtures/catalog.jsonl')
		const plan = await planImport(file, root)
		if (!plan.ok) throw new Error(plan.errors.map((e) => e.message).join('\n'))
		expect(plan.plan.created.map((c) => c.code)).toEqual(['XY-SY-950', 'XY-SBK-950', 'XY-ZH-950'])
		await applyImport(plan.plan)
		const content = await loadContent(root)
		expect(content.errors).toEqual([])
		// 日 in a statute means calendar days; a 行政许可 limit counts working days.
		expect(content.services.find((s) => s.code === 'XY-SY-950')?.frontmatter.legalDays).toEqual({ value: 60, unit: '自然日' })
		expect(content.services.find((s) => s.code === 'XY-ZH-950')?.frontmatter.legalDays).toEqual({ value: 20, unit: '工作日' })
		const again = await planImport(file, root)
		expect(again.ok && again.plan.unchanged.length).toBe(3)
		expect(again.ok && again.plan.writes.length).toBe(0)
	})
})
