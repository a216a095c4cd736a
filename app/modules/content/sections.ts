// The sections every lesson body has, in order. Headings map to stable anchors so quiz feedback
// can link to the exact section an item tests (/services/XY-YL-008#materials).
export const lessonSections = [
	{ id: 'overview', title: '事项概述', required: true },
	{ id: 'intake', title: '受理要点', required: true },
	{ id: 'materials', title: '申请材料', required: true },
	{ id: 'steps', title: '办理流程', required: true },
	{ id: 'pitfalls', title: '易错点', required: true },
	{ id: 'example', title: '办理实例', required: false },
	{ id: 'lookalikes', title: '相近事项', required: false },
	{ id: 'basis', title: '法律依据', required: true },
] as const

export type LessonSectionId = (typeof lessonSections)[number]['id']

export const lessonSectionIds = lessonSections.map((s) => s.id)

export function sectionIdOfTitle(title: string): LessonSectionId | undefined {
	return lessonSections.find((s) => s.title === title.trim())?.id
}

export function sectionTitle(id: LessonSectionId): string {
	return lessonSections.find((s) => s.id === id)?.title ?? id
}
