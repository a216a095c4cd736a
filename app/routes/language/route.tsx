import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { safeRedirect } from '#app/modules/auth/require.server.ts'
import { parseLanguage } from '#app/utils/i18n/index.ts'
import { languageCookie } from '#app/utils/language.server.ts'

export async function loader() {
	throw redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await request.formData()
	const language = parseLanguage(String(formData.get('language') ?? ''))
	throw redirect(safeRedirect(formData.get('redirectTo')), {
		headers: { 'Set-Cookie': languageCookie(language) },
	})
}
