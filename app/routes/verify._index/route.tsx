// /verify: the public form to check a certificate; /verify?code=… goes to that certificate.
import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { VerifyForm } from '#app/components/verify-form.tsx'
import { pageTitle } from '#app/utils/meta.ts'
import { useT } from '#app/utils/use-root-data.ts'

export const meta: MetaFunction = ({ matches }) => [
	...pageTitle(matches, 'verify.title'),
	{ name: 'robots', content: 'noindex' },
]

export async function loader({ request }: LoaderFunctionArgs) {
	const code = (new URL(request.url).searchParams.get('code') ?? '')
		.trim()
		.toUpperCase()
		.slice(0, 20)
	if (code) throw redirect(`/verify/${encodeURIComponent(code)}`)
	return null
}

export default function VerifyStart() {
	const t = useT()
	return (
		<div className="page narrow">
			<h1>{t('verify.title')}</h1>
			<p>{t('verify.intro')}</p>
			<VerifyForm label={t('verify.code')} />
		</div>
	)
}
