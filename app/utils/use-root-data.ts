// Data every page can use: the signed-in user and the interface language, from the root loader.
import { useRouteLoaderData } from '@remix-run/react'
import { defaultLanguage, translator, type Language, type Translate } from './i18n/index.ts'

export type RootUser = {
	id: string
	username: string
	displayName: string
	role: 'clerk' | 'trainer' | 'admin'
}

export type RootData = { user: RootUser | null; language: Language }

function isRootData(value: unknown): value is RootData {
	return typeof value === 'object' && value !== null && 'language' in value
}

export function useRootData(): RootData {
	const data = useRouteLoaderData('root')
	return isRootData(data) ? data : { user: null, language: defaultLanguage }
}

export function useT(): Translate {
	return translator(useRootData().language)
}

export function useLanguage(): Language {
	return useRootData().language
}
