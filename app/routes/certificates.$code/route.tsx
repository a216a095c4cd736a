import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { forbidden, requireUser } from '#app/modules/auth/require.server.ts'
import {
	certificateHolds,
	findCertificate,
	qrSvg,
} from '#app/modules/certification/certificates.server.ts'
import { inScope, managedSiteIds, siteOfUser } from '#app/modules/people/people.server.ts'
import { publicOrigin } from '#app/utils/env.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.certificate')

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const certificate = await findCertificate(params.code ?? '')
	if (!certificate) throw new Response('Not found', { status: 404 })
	if (certificate.userId !== user.id) {
		if (user.role === 'clerk') throw new Response('Not found', { status: 404 })
		const ownerSite = await siteOfUser(certificate.userId)
		if (ownerSite === null || !inScope(await managedSiteIds(user), ownerSite)) forbidden()
	}
	// From configuration, never from the request: a Host header is whatever the client sent.
	const verifyUrl = `${publicOrigin()}/verify/${certificate.code}`
	return {
		code: certificate.code,
		kind: certificate.kind,
		issuedAt: certificate.issuedAt,
		snapshot: certificate.snapshot,
		holds: await certificateHolds(certificate),
		verifyUrl,
		qr: await qrSvg(verifyUrl),
	}
}

export default function Certificate() {
	const t = useT()
	const language = useLanguage()
	const { code, kind, issuedAt, snapshot, holds, verifyUrl, qr } = useLoaderData<typeof loader>()
	return (
		<div className="page certificate-page">
			<p className="no-print page-actions">
				<span className={holds ? 'badge badge-ok' : 'badge badge-bad'}>
					{holds ? t('certificate.valid') : t('certificate.lapsed')}
				</span>
				<span className="muted">{t('certificate.printHint')}</span>
			</p>
			<article className="certificate" aria-labelledby="certificate-title">
				<header>
					<p className="certificate-issuer">{t('certificate.issuer')}</p>
					<h1 id="certificate-title">
						{kind === 'readiness'
							? t('certificate.readinessTitle')
							: t('certificate.servicesTitle')}
					</h1>
				</header>
				<p className="certificate-lead">
					{kind === 'readiness'
						? t('certificate.readinessText', {
								name: snapshot.name,
								site: snapshot.siteName,
								count: snapshot.services.length,
							})
						: t('certificate.servicesText', {
								name: snapshot.name,
								site: snapshot.siteName,
								count: snapshot.services.length,
							})}
				</p>
				<dl className="certificate-facts">
					<div>
						<dt>{t('certificate.holder')}</dt>
						<dd>
							{snapshot.name}（{snapshot.username}）
						</dd>
					</div>
					<div>
						<dt>{t('people.site')}</dt>
						<dd>{snapshot.siteName}</dd>
					</div>
					<div>
						<dt>{t('certificate.issuedAt')}</dt>
						<dd>{formatDate(issuedAt, language)}</dd>
					</div>
					<div>
						<dt>{t('certificate.validUntil')}</dt>
						<dd>{formatDate(snapshot.validUntil, language)}</dd>
					</div>
				</dl>
				{kind === 'services' ? (
					<table className="certificate-services">
						<thead>
							<tr>
								<th scope="col">{t('board.service')}</th>
								<th scope="col">{t('board.earned')}</th>
								<th scope="col">{t('board.expires')}</th>
							</tr>
						</thead>
						<tbody>
							{snapshot.services.map((s) => (
								<tr key={s.code}>
									<td>
										{s.name} <span className="muted">{s.code}</span>
									</td>
									<td>{formatDate(s.earnedAt, language)}</td>
									<td>{formatDate(s.expiresAt, language)}</td>
								</tr>
							))}
						</tbody>
					</table>
				) : null}
				<footer className="certificate-verify">
					<div
						className="qr"
						role="img"
						aria-label={t('certificate.qr')}
						dangerouslySetInnerHTML={{ __html: qr }}
					/>
					<p>
						{t('certificate.code')}：<strong className="secret">{code}</strong>
						<br />
						{t('certificate.verifyAt')} <span>{verifyUrl}</span>
					</p>
				</footer>
			</article>
		</div>
	)
}
