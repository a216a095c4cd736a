// The people import template: a CSV with the header row and one example row, in UTF-8 with a
// BOM so Excel opens the Chinese correctly (a file saved back as GBK is read too).
import { type LoaderFunctionArgs } from '@remix-run/node'
import { requireRole } from '#app/modules/auth/require.server.ts'
import { importTemplateCsv } from '#app/modules/people/user-import.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, ['trainer', 'admin'])
	return new Response(`\uFEFF${importTemplateCsv()}`, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="people-import.csv"; filename*=UTF-8''${encodeURIComponent('人员导入模板.csv')}`,
		},
	})
}
