// Loading and saving one person, with the role and site checks of the actor.
import { parseWithZod } from '@conform-to/zod/v4'
import { type SubmissionResult } from '@conform-to/react'
import { forbidden, requireRole } from '#app/modules/auth/require.server.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { userFieldsSchema } from '#app/modules/people/forms.ts'
import {
	assignableRoles,
	findUser,
	inScope,
	listCohorts,
	listSites,
	managedSiteIds,
	resetPassword,
	setUserActive,
	updateUser,
} from '#app/modules/people/people.server.ts'
import { setManualEditor } from '#app/modules/people/editor-right.server.ts'
import { type MessageKey } from '#app/utils/i18n/index.ts'

function notFound(): never {
	throw new Response('Not found', { status: 404 })
}

/** The person, if the actor may manage them: a trainer manages clerks of their sites. */
async function managedPerson(actor: SessionUser, id: string | undefined) {
	if (!id) notFound()
	const person = await findUser(id)
	if (!person) notFound()
	const scope = await managedSiteIds(actor)
	if (!inScope(scope, person.siteId)) forbidden()
	if (actor.role === 'trainer' && person.role !== 'clerk' && person.id !== actor.id) forbidden()
	return { person, scope }
}

export async function loadPersonForEdit(request: Request, id: string | undefined) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const { person, scope } = await managedPerson(actor, id)
	const [sites, cohorts, allSites] = await Promise.all([
		listSites(scope),
		listCohorts(),
		listSites(),
	])
	const { passwordHash: _omitted, ...safe } = person
	return {
		person: safe,
		roles: assignableRoles(actor),
		sites,
		cohorts,
		allSites: actor.role === 'admin' ? allSites : [],
		isSelf: person.id === actor.id,
		canManageSites: actor.role === 'admin',
		canGrantEditor: actor.role === 'admin' && person.role === 'trainer',
	}
}

type Outcome = {
	status: number
	body: {
		intent: 'save' | 'reset-password' | 'deactivate' | 'reactivate' | 'editor-right'
		result?: SubmissionResult<Array<string>>
		message?: MessageKey
		password?: string
	}
}

export async function savePerson(request: Request, id: string | undefined): Promise<Outcome> {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const { person, scope } = await managedPerson(actor, id)
	const formData = await request.formData()
	const intent = formData.get('intent')
	const isSelf = person.id === actor.id

	if (intent === 'reset-password' || intent === 'deactivate' || intent === 'reactivate') {
		if (isSelf) throw new Response('Cannot change own account this way', { status: 400 })
		if (intent === 'reset-password') {
			const password = await resetPassword(person.id, actor)
			return { status: 200, body: { intent, password: password ?? undefined } }
		}
		await setUserActive(person.id, intent === 'reactivate', actor)
		return {
			status: 200,
			body: {
				intent,
				message: intent === 'deactivate' ? 'people.deactivated' : 'people.reactivated',
			},
		}
	}
	if (intent === 'editor-right') {
		if (actor.role !== 'admin' || person.role !== 'trainer')
			throw new Response('Forbidden', { status: 403 })
		await setManualEditor(person, formData.get('granted') === 'yes', actor)
		return { status: 200, body: { intent, message: 'people.editorRightSaved' } }
	}
	if (intent !== 'save') throw new Response('Unknown intent', { status: 400 })

	const submission = parseWithZod(formData, { schema: userFieldsSchema })
	if (submission.status !== 'success')
		return { status: 400, body: { intent, result: submission.reply() } }
	const input = submission.value
	const fieldErrors: Record<string, Array<string>> = {}
	const role = isSelf ? person.role : input.role
	if (!isSelf && !assignableRoles(actor).includes(input.role)) fieldErrors.role = ['form.invalid']
	if (!inScope(scope, input.siteId)) fieldErrors.siteId = ['form.invalid']
	if (input.cohortId !== null && !(await listCohorts()).some((c) => c.id === input.cohortId))
		fieldErrors.cohortId = ['form.invalid']
	const knownSites = new Set((await listSites()).map((s) => s.id))
	if (input.managedSiteIds.some((s) => !knownSites.has(s)))
		fieldErrors.managedSiteIds = ['form.invalid']
	if (Object.keys(fieldErrors).length > 0)
		return { status: 400, body: { intent, result: submission.reply({ fieldErrors }) } }
	await updateUser(person.id, { ...input, role }, actor)
	return { status: 200, body: { intent, result: submission.reply(), message: 'people.saved' } }
}
