// Public verification of a certificate: name, site, status and dates, and nothing else.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import {
	certificateHolds,
	findCertificate,
} from '#app/modules/certification/certificates.server.ts'
import { limitVerification } from '#app/modules/certification/verify-limit.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'

export const meta: MetaFunction = () => [
	{ title: '证书核验 · 一窗通学' },
	{ name: 'robots', content: 'noindex' },
]

export async function loader({ params, context }: LoaderFunctionArgs) {
	await limitVerification(context.clientAddress ?? null)
	const certificate = await findCertificate((params.code ?? '').toUpperCase())
	if (!certificate) return { found: false as const, code: (params.code ?? '').slice(0, 20) }
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
	const data = useLoaderData<typeof loader>()
	return (
		<div className="page narrow">
			<h1>{t('verify.title')}</h1>
			{data.found ? (
				<section className={`notice ${data.holds ? 'ok' : 'bad'}`} aria-live="polite">
					<h2 style={{ marginTop: 0 }}>
						{data.holds ? t('certificate.valid') : t('certificate.lapsed')}
					</h2>
					<dl>
						<dt>{t('certificate.code')}</dt>
						<dd>{data.code}</dd>
						<dt>{t('certificate.holder')}</dt>
						<dd>{data.name}</dd>
						<dt>{t('people.site')}</dt>
						<dd>{data.site}</dd>
						<dt>{t('verify.kind')}</dt>
						<dd>{t(`certificate.kind.${data.kind}`)}</dd>
						<dt>{t('certificate.issuedAt')}</dt>
						<dd>{formatDate(data.issuedAt, language)}</dd>
						<dt>{t('certificate.validUntil')}</dt>
						<dd>{formatDate(data.validUntil, language)}</dd>
					</dl>
				</section>
			) : (
				<p className="error-message" role="alert">
					{t('verify.notFound', { code: data.code })}
				</p>
			)}
			<Form method="get" action="/verify" className="form no-print">
				<div className="field">
					<label htmlFor="code">{t('verify.another')}</label>
					<input
						id="code"
						name="code"
						type="text"
						placeholder="XXXX-XXXX-XXXX"
						autoComplete="off"
					/>
				</div>
				<div>
					<button type="submit" className="button">
						{t('verify.submit')}
					</button>
				</div>
			</Form>
		</div>
	)
}
