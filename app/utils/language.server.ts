// The interface language: a cookie set by the switch in the header, zh-CN by default.
import { parseLanguage, translator, type Language, type Translate } from './i18n/index.ts'

export const languageCookieName = 'cr_lang'

export function getLanguage(request: Request): Language {
	return languageFromCookie(request.headers.get('Cookie') ?? '')
}

export function languageFromCookie(cookie: string): Language {
	const match = new RegExp(`(?:^|;\\s*)${languageCookieName}=([^;]+)`).exec(cookie)
	return parseLanguage(match?.[1])
}

export function getTranslator(request: Request): Translate {
	return translator(getLanguage(request))
}

export function languageCookie(language: Language): string {
	return `${languageCookieName}=${language}; Path=/; Max-Age=31536000; SameSite=Lax`
}
