// Every interface string, one dictionary per language. zh-CN is the source; the English
// dictionary must have exactly the same keys (the type checks it), so no screen mixes languages.
// Content (lessons, quizzes) is written in Chinese and is not translated.

import { en } from './en.ts'
import { zh, type MessageKey } from './zh.ts'

export type { MessageKey }

export const languages = ['zh', 'en'] as const
export type Language = (typeof languages)[number]
export const defaultLanguage: Language = 'zh'

const dictionaries: Record<Language, Record<MessageKey, string>> = { zh, en }

export type Params = Record<string, string | number>
export type Translate = (key: MessageKey, params?: Params) => string

export function isMessageKey(key: string): key is MessageKey {
	return key in zh
}

export function translator(language: Language): Translate {
	const dictionary = dictionaries[language]
	return (key, params) => {
		const text = dictionary[key]
		return params
			? text.replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match))
			: text
	}
}

/** Translate a key that arrived as data (e.g. a form error); unknown keys show a generic text. */
export function translateLoose(t: Translate, key: string, params?: Params): string {
	return isMessageKey(key) ? t(key, params) : t('form.invalid')
}

export function parseLanguage(value: string | null | undefined): Language {
	return value === 'en' ? 'en' : 'zh'
}
