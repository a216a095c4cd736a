// Password length rules, shared by the server and the form (client-side validation).
export const passwordRules = { minLength: 8, maxLength: 128 } as const
