import { expect, test } from 'vitest'
import { describeAuditDetails } from './describe.ts'

test('audit details read as Chinese sentences, old → new, without English values', () => {
	expect(
		describeAuditDetails('user.role', { username: 'c1001', from: 'clerk', to: 'trainer' }),
	).toEqual(['c1001 的角色：窗口人员 → 培训师'])
	expect(
		describeAuditDetails('site.services', {
			site: '东城社区服务点',
			added: ['XY-YL-008'],
			removed: [],
			count: 12,
		}),
	).toEqual(['东城社区服务点 的受理事项（共 12 项）', '新增：XY-YL-008'])
	const lines = describeAuditDetails('manual.publish', {
		reason: '市局通知',
		services: [
			{
				code: 'XY-GS-005',
				name: '工伤认定',
				changes: ['承诺时限 30→20 个工作日'],
				editorial: [],
				bodyChanged: true,
			},
		],
	})
	expect(lines).toEqual([
		'发布原因：市局通知',
		'XY-GS-005 工伤认定：',
		'　承诺时限 30→20 个工作日',
		'　课程正文有修改',
	])
	for (const line of lines) expect(line).not.toMatch(/[{}"]|clerk|true|false/)
})
