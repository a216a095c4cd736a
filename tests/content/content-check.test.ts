import { mkdir, writeFile } from 'node:fs/promises'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkManual as checkContent } from '#app/modules/catalog/check.server.ts'
import { loadContent } from '#app/modules/content/load.server.ts'
import { loadItemBank, itemProblems } from '#app/modules/quizzes/bank.server.ts'
import { generateItems, universalDocument } from '#app/modules/quizzes/generate.ts'
import { copyFixtureContent, editLesson } from '#tests/utils/content.ts'

async function check(root: string) {
	return checkContent(root, { cacheDir: path.join(root, '.cache', 'lessons') })
}

describe('content:check', () => {
	test('the fixture manual is clean and counts services, items and scenarios', async () => {
		const root = await copyFixtureContent()
		const result = await check(root)
		expect(result.errors).toEqual([])
		expect(result.content.services).toHaveLength(5)
		expect(result.scenarios).toBe(1)
		expect(result.items).toBeGreaterThan(10)
	})

	test('rejects duplicate options, an answer among the distractors, and answers that are not options', async () => {
		const root = await copyFixtureContent()
		await writeFile(
			path.join(root, 'services', 'XY-SY-002', 'quiz.yml'),
			`items:
  - id: dup
    kind: single
    section: intake
    stem: 重复选项
    options:
      - { id: a, text: 失业保险管理局 }
      - { id: b, text: 失业保险管理局。 }
    answer: [a]
    feedback: x
  - id: ghost
    kind: multiple
    section: intake
    stem: 答案不在选项中
    options:
      - { id: a, text: 甲 }
      - { id: b, text: 乙 }
    answer: [a, z]
    feedback: x
`,
		)
		const messages = (await check(root)).errors.map((e) => `${e.file}:${e.line}: ${e.message}`)
		expect(messages).toContainEqual(expect.stringMatching(/quiz\.yml:\d+: items\[0\]\.options\[1\]\.text: duplicate option text/))
		expect(messages).toContainEqual(expect.stringMatching(/quiz\.yml:\d+: items\[1\]\.answer: answer "z" is not one of the options/))
	})

	test('rejects scenarios with dangling services or units and decisions without exactly one right option', async () => {
		const root = await copyFixtureContent()
		const dir = path.join(root, 'services', 'XY-SBK-004', 'scenarios')
		await mkdir(dir, { recursive: true })
		await writeFile(
			path.join(dir, 'broken.yml'),
			`title: 坏情景
services: [XY-SBK-004, XY-NOPE-001]
units: [不存在的科室]
citizen: 某人
story: 故事
documents: [身份证]
decisions:
  - id: one
    prompt: 一
    options:
      - { id: a, text: 甲, feedback: f, correct: true }
      - { id: b, text: 乙, feedback: f, correct: true }
  - id: two
    prompt: 二
    options:
      - { id: a, text: 甲, feedback: f, correct: true }
      - { id: b, text: 乙, feedback: f, action: route, unit: 也不存在 }
  - id: three
    prompt: 三
    options:
      - { id: a, text: 甲, feedback: f }
      - { id: b, text: 乙, feedback: f, correct: true }
outcome: 结果
`,
		)
		const messages = (await check(root)).errors.map((e) => e.message)
		expect(messages).toContain('decisions[0].options: a decision has exactly one correct option (found 2)')
		const again = await copyFixtureContent()
		await mkdir(path.join(again, 'services', 'XY-SBK-004', 'scenarios'), { recursive: true })
		await writeFile(
			path.join(again, 'services', 'XY-SBK-004', 'scenarios', 'dangling.yml'),
			`title: 悬空引用
services: [XY-SBK-004, XY-NOPE-001]
units: [不存在的科室]
citizen: 某人
story: 故事
documents: [身份证]
decisions:
${['one', 'two', 'three']
	.map(
		(id) => `  - id: ${id}
    prompt: 问
    options:
      - { id: a, text: 甲, feedback: f, correct: true }
      - { id: b, text: 乙, feedback: f, action: route, unit: 也不存在 }`,
	)
	.join('\n')}
outcome: 结果
`,
		)
		const dangling = (await check(again)).errors.map((e) => e.message)
		expect(dangling).toContain('services: unknown service code "XY-NOPE-001"')
		expect(dangling).toContain('unknown back-office unit "不存在的科室" (see units.yml)')
		expect(dangling).toContain('unknown back-office unit "也不存在" (see units.yml)')
	})

	test('rejects a scenario that does not branch, a next that points back or nowhere, and an unreached branch', async () => {
		const root = await copyFixtureContent()
		const dir = path.join(root, 'services', 'XY-SBK-004', 'scenarios')
		await mkdir(dir, { recursive: true })
		const decision = (id: string, extra = '', branch = false) => `  - id: ${id}
${branch ? '    branch: true\n' : ''}    prompt: 问
    options:
      - { id: a, text: 甲, feedback: f, correct: true }
      - { id: b, text: 乙, feedback: f${extra} }`
		const scenario = (decisions: string) => `title: 情景
services: [XY-SBK-004]
citizen: 某人
story: 故事
documents: [身份证]
decisions:
${decisions}
outcome: 结果
`
		await writeFile(path.join(dir, 'linear.yml'), scenario([decision('one'), decision('two'), decision('three')].join('\n')))
		await writeFile(
			path.join(dir, 'backwards.yml'),
			scenario([decision('one'), decision('two', ', next: one'), decision('three', ', next: nowhere'), decision('lost', '', true)].join('\n')),
		)
		await writeFile(
			path.join(dir, 'early-end.yml'),
			scenario([decision('one', ', next: end'), decision('two', ', next: fix'), decision('fix', '', true), decision('three')].join('\n')),
		)
		const errors = (await check(root)).errors
		const of = (file: string) => errors.filter((e) => e.file.endsWith(file)).map((e) => e.message)
		expect(of('linear.yml')).toEqual([
			'a scenario branches: at least one option leads (next: <id>) to a branch decision showing its consequence',
		])
		expect(of('backwards.yml')).toEqual(
			expect.arrayContaining([
				'decisions[1].options[1].next: next: "one" must come after "two" in the file',
				'decisions[2].options[1].next: next: no decision "nowhere"',
				'decisions[3].branch: branch decision "lost" is never reached: no option has next: lost',
			]),
		)
		expect(of('early-end.yml')).toEqual([
			'decisions[0].options[1].outcome: an option that ends the scenario (next: end) says the outcome',
		])
	})

	test('rejects editorial notes in learner text, with file and line', async () => {
		const root = await copyFixtureContent()
		await editLesson(root, 'XY-ZH-001', ({ frontmatter, body }) => ({
			frontmatter,
			body: body.replace('## 受理要点', '## 受理要点\n\n参考目录已更正，本课程上线前须向省级人社部门核实。'),
		}))
		const errors = (await check(root)).errors.filter((e) => e.message.startsWith('editorial note'))
		expect(errors).toHaveLength(1)
		expect(errors[0]?.file).toContain('XY-ZH-001')
		expect(errors[0]?.line).toBeGreaterThan(10)
	})

	test('the CLI runs the item audit: a manual whose pools a retake would repeat fails with the reason', async () => {
		const root = await copyFixtureContent()
		const run = spawnSync('npx', ['tsx', 'scripts/content-check.ts'], {
			env: { ...process.env, CONTENT_DIR: root, CACHE_DIR: path.join(root, '.cache') },
			encoding: 'utf8',
		})
		expect(run.status).toBe(1)
		expect(run.stdout).toMatch(/kind +questions +chance +test-wise/)
		expect(run.stderr).toMatch(/items:audit: \d+ service\(s\) with fewer than 24 items in their pool/)
		expect(run.stdout).toMatch(/services: 5, items: \d+, scenarios: 1, errors: [1-9]/)
	})

	test('names the file and line of a lesson that uses an unknown component or leaves out a section', async () => {
		const root = await copyFixtureContent()
		await editLesson(root, 'XY-ZH-001', ({ frontmatter, body }) => ({
			frontmatter,
			body: body.replace('<StepFlow />', '<StepChart />').replace('## 易错点', '## 注意事项'),
		}))
		const errors = (await check(root)).errors.filter((e) => e.file.includes('XY-ZH-001'))
		expect(errors.map((e) => e.message)).toEqual(
			expect.arrayContaining([
				expect.stringContaining('unknown section "## 注意事项"'),
				'missing section "## 易错点"',
				'unknown lesson component <StepChart> (see docs/content.md)',
			]),
		)
		const component = errors.find((e) => e.message.includes('StepChart'))
		expect(component?.line).toBeGreaterThan(20)
	})
})

describe('generated items over the whole manual', () => {
	test('names the line of a search synonym whose manual word appears nowhere, and a malformed one', async () => {
		const root = await copyFixtureContent()
		await writeFile(
			path.join(root, 'search-synonyms.yml'),
			'社保卡: 社会保障卡\n退休金: 基本养老金\n',
		)
		const messages = (await check(root)).errors.map((e) => `${e.file}:${e.line}: ${e.message}`)
		expect(messages).toEqual(['search-synonyms.yml:2: "退休金" → "基本养老金": "基本养老金" appears in no service'])

		await writeFile(path.join(root, 'search-synonyms.yml'), '社保卡: 社会 保障卡\n')
		const malformed = (await check(root)).errors.map((e) => `${e.file}:${e.line}: ${e.message}`)
		expect(malformed).toContainEqual(expect.stringMatching(/^search-synonyms\.yml:1: .*one word/))
	})

	test('generated items ask what distinguishes a service: no universal documents, no back office for 即办, a near-miss for every true statement', async () => {
		const content = await loadContent('content')
		expect(content.errors).toEqual([])
		const bank = await loadItemBank('content', content.services, content.units)
		for (const service of content.services) {
			const items = (bank.byService.get(service.code) ?? []).flatMap((id) => bank.items.get(id) ?? [])
			const distinctive = service.normative.materials.filter(
				(m) => !universalDocument.test(m.name) && m.form !== '表格' && !m.name.includes('人事档案'),
			)
			const checklist = items.find((i) => i.id === `${service.code}.materials`)
			if (distinctive.length > 0) {
				if (checklist?.kind !== 'multiple') throw new Error(`${service.code} has no checklist`)
				expect(checklist.options.some((o) => universalDocument.test(o.text)), service.code).toBe(false)
			}
			const routed = items.filter((i) => i.topic === 'routing')
			if (service.normative.mode === '即办') expect(routed, service.code).toEqual([])
			const statements = items.filter((i) => i.kind === 'truefalse' && i.topic !== 'authored')
			const facts = new Set(statements.map((i) => i.fact))
			for (const fact of facts) {
				const truths = statements.flatMap((i) => (i.fact === fact && i.kind === 'truefalse' ? [i.answer] : []))
				expect(truths.filter((t) => t).length, fact).toBe(truths.filter((t) => !t).length)
			}
		}
		for (const item of bank.items.values()) expect(itemProblems(item), item.id).toEqual([])
		const sample = content.services[42]
		if (!sample) throw new Error('manual has services')
		const input = { service: sample.normative, revision: sample.revision, catalogue: content.services.map((s) => s.normative), units: content.units }
		expect(generateItems(input)).toEqual(generateItems(input))
	})
})
