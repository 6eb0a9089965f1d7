// What each MoRiLE factor and level means, for the assessor filling the form and the
// moderator reading it. Words only: the scoring rule is the server's (POST
// /api/v1/morile/score scores with the same model and code as a recorded assessment), so
// nothing here computes. A model's element without a note here is shown by its name alone.

/** Harm levels, 0 to the model's maximum (4 in model version 1). */
export const HARM_LEVELS = ['None', 'Minor', 'Moderate', 'Substantial', 'Severe'];
/** Organisational position levels, 0 to the model's maximum. */
export const ORG_LEVELS = ['No gap', 'Small', 'Moderate', 'Large', 'Critical'];

export const FACTOR_NOTES: Record<string, string> = {
  physical: 'Injury, illness or death caused to victims, the public or officers.',
  psychological: 'Fear, trauma and lasting distress: victims of exploitation, intimidation, coercion.',
  financial: 'Money lost by victims, businesses and the public purse, and the proceeds made.',
  community: 'Damage to a neighbourhood: confidence, cohesion, the sense of safety, visible dealing.',
  environmental: 'Pollution, waste, damage to places and animals.',
  'capacity gap': 'How far the people and time available fall short of what tackling it needs.',
  'capability gap': 'How far skills, powers, tools and partners fall short.',
  'public expectation': 'How strongly the public, partners and the media expect action.',
};

export const SCOPE_NOTES: Record<string, string> = {
  local: 'One neighbourhood or BCU.',
  force: 'Across one force area.',
  regional: 'Across forces of the region.',
  national: 'Across regions.',
  international: 'Reaching beyond the UK.',
};

export const VULNERABILITY_NOTES: Record<string, string> = {
  none: 'No victims are more vulnerable than most.',
  some: 'Some victims are vulnerable (age, health, dependency, immigration status).',
  high: 'Victims are children or otherwise highly vulnerable, and exploited for it.',
};

/** The PHIA probability yardstick, which the likelihood scale follows. */
export const LIKELIHOOD_NOTES: Record<string, string> = {
  remote: 'About 5% or less.',
  'highly unlikely': 'About 10–20%.',
  unlikely: 'About 25–35%.',
  'realistic possibility': 'About 40–50%.',
  likely: 'About 55–75%.',
  'highly likely': 'About 80–90%.',
  'almost certain': 'About 95% or more.',
};

export const CONFIDENCE_NOTES: Record<string, string> = {
  low: 'Little or uncorroborated intelligence; the score may move a lot.',
  medium: 'Some corroboration; gaps remain.',
  high: 'Well corroborated from several sources.',
};

/** "Moderate (2)" for a level of a 0..max scale. */
export function levelText(levels: string[], value: number): string {
  return `${levels[value] ?? String(value)} (${value})`;
}
