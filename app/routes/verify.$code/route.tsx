// Public verification of a certificate: name, site, status and dates, and nothing else.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { VerifyForm } from '#app/components/verify-form.tsx'
import { pageTitle } from '#app/utils/meta.ts'
import {
	certificateHolds,
	findCertificate,
} from '#app/modules/certification/certificates.server.ts'
import { limitVerification } from '#app/modules/certification/verify-limit.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'

export const meta: MetaFunction = ({ matches }) => [
	...pageTitle(matches, 'verify.title'),
	{ name: 'robots', content: 'noindex' },
]

export async function loader({ params, context }: LoaderFunctionArgs) {
	await limitVerification(context.clientAddress ?? null)
	const certificate = await findCertificate((params.code ?? '').toUpperCase())
	// Not found is a 404 with the form to try again, never a 200 that looks like an answer.
	if (!certificate)
		return data({ found: false as const, code: (params.code ?? '').slice(0, 20) }, { status: 404 })
	return {
		found: true as const,
		code: certificate.code,
		name: certificate.snapshot.name,
		site: certificate.snapshot.siteName,
		kind: certificate.kind,
		holds: await certificateHolds(certificate),
		issuedAt: certificate.issuedAt,
		validUntil: certificate.snapshot.validUntil,
	}
}

export default function Verify() {
	const t = useT()
	const language = useLanguage()
	const result = useLoaderData<typeof loader>()
	return (
		<div className="page narrow">
			<h1>{t('verify.title')}</h1>
			{result.found ? (
				<section className={`notice ${result.holds ? 'ok' : 'bad'}`} aria-live="polite">
					<h2 style={{ marginTop: 0 }}>
						{result.holds ? t('certificate.valid') : t('certificate.lapsed')}
					</h2>
					<dl>
						<dt>{t('certificate.code')}</dt>
						<dd>{result.code}</dd>
						<dt>{t('certificate.holder')}</dt>
						<dd>{result.name}</dd>
						<dt>{t('people.site')}</dt>
						<dd>{result.site}</dd>
						<dt>{t('verify.kind')}</dt>
						<dd>{t(`certificate.kind.${result.kind}`)}</dd>
						<dt>{t('certificate.issuedAt')}</dt>
						<dd>{formatDate(result.issuedAt, language)}</dd>
						<dt>{t('certificate.validUntil')}</dt>
						<dd>{formatDate(result.validUntil, language)}</dd>
					</dl>
				</section>
			) : (
				<p className="error-message" role="alert">
					{t('verify.notFound', { code: result.code })}
				</p>
			)}
			<VerifyForm label={t('verify.another')} />
		</div>
	)
}
