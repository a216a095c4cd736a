import { describe, expect, test } from 'vitest'
import { parseLessonFile } from './lesson-file.ts'

const good = `---
code: XY-SY-001
name: 失业保险金申领
category: 社会保险
subcategory: 失业保险
type: 行政给付
backOffice: 失业保险管理局
mode: 承诺
promiseDays: 20
legalDays: null
onlineAvailable: true
eligibility: 非因本人意愿中断就业的失业人员。
materials:
  - name: 居民身份证
    form: 原件
steps:
  - 窗口受理
basis:
  - 《失业保险条例》
pitfalls: []
confidence: high
---

## 事项概述
`

function errorsOf(text: string) {
	const result = parseLessonFile(text, 'lesson.mdx')
	return result.ok ? [] : result.errors
}

describe('frontmatter schema', () => {
	test('a valid lesson parses, with its body and the line the body starts on', () => {
		const result = parseLessonFile(good, 'lesson.mdx')
		expect(result.ok).toBe(true)
		if (result.ok) {
			expect(result.lesson.frontmatter.materials[0]?.form).toBe('原件')
			expect(result.lesson.bodyStartLine).toBe(23)
		}
	})

	test.each([
		['a missing fence', good.replace(/^---\n/, ''), 1, 'must start with YAML frontmatter'],
		['an unknown material form', good.replace('form: 原件', 'form: 扫描件'), 15, 'materials[0].form: form must be one of'],
		['an unknown handling mode', good.replace('mode: 承诺', 'mode: 当场'), 8, 'mode: mode must be 即办 or 承诺'],
		['a 承诺 service without promised days', good.replace('promiseDays: 20', 'promiseDays: null'), 9, 'promiseDays: a 承诺 service needs promiseDays'],
		['a legal limit without its unit', good.replace('legalDays: null', 'legalDays:\n  value: 60'), 11, 'legalDays.unit: legalDays.unit must be 工作日 or 自然日'],
		['an empty name', good.replace('name: 失业保险金申领', 'name: ""'), 3, 'name: must not be empty'],
		['no materials', good.replace(/materials:\n {2}- name: 居民身份证\n {4}form: 原件/, 'materials: []'), 13, 'materials: a service needs at least one material'],
		['an unknown field', good.replace('confidence: high', 'confidence: high\nowner: 张三'), 22, 'Unrecognized key: "owner"'],
		['broken YAML', good.replace('steps:', 'steps: [oops'), 18, 'YAML'],
		['a code in the wrong shape', good.replace('code: XY-SY-001', 'code: sy001'), 2, 'code: code must look like XY-YL-008'],
		['a material listed twice', good.replace('pitfalls: []', 'pitfalls: []').replace('    form: 原件\n', '    form: 原件\n  - name: 居民身份证\n    form: 复印件\n'), 16, 'listed twice'],
	])('rejects %s with the line and a clear message', (_, text, line, message) => {
		const errors = errorsOf(text)
		expect(errors.length).toBeGreaterThan(0)
		expect(errors.map((e) => e.message).join('\n')).toContain(message)
		expect(errors[0]?.line).toBe(line)
	})
})
