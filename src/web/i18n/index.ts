/**
 * i18next set-up: Vietnamese first, English second. Vietnamese labels of the shared vocabularies
 * come from src/shared/enums.ts so there is one source for them; English ones live in en.json.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { EDUCATION_LABELS, SECTOR_LABELS, TARGET_GROUP_LABELS } from '../../shared/enums.ts';
import vi from './vi.json';
import en from './en.json';

/** Languages the app speaks. */
export type Language = 'vi' | 'en';

const STORAGE_KEY = 'dangvien.language';

/** The language chosen last time on this browser, Vietnamese by default. */
export function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** Switches the language and remembers it. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode without storage: the switch still works for this visit.
  }
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

const viResources = {
  ...vi,
  enums: {
    targetGroup: TARGET_GROUP_LABELS,
    sector: SECTOR_LABELS,
    education: EDUCATION_LABELS,
  },
};

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: viResources }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});

export default i18n;
