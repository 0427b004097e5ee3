import { DEMO_DOCTOR_ACCOUNT_ID } from './demo-catalog';

/** ISO weekday: 1 = Monday … 5 = Friday. */
export type Weekday = 1 | 2 | 3 | 4 | 5;

export interface DemoDoctor {
  name: string;
  specialties: string[];
  languages: string[];
  accountId?: string;
  /** Where the doctor sees patients in person. */
  facility: string;
  /** morning 8:00–13:00, afternoon 13:00–18:00 (Warsaw time), Monday to Friday. */
  shift: 'morning' | 'afternoon';
  /** Names from DEMO_SERVICES; the shift is shared between them. */
  services: string[];
  /** Days spent on phone or video visits of the first service instead of in the facility. */
  remote?: Partial<Record<Weekday, 'phone' | 'video'>>;
}

const INTERNIST = ['Konsultacja internistyczna'];
const LAB = [
  'Morfologia krwi',
  'Lipidogram',
  'Glukoza na czczo',
  'TSH',
  'EKG spoczynkowe',
  'Szczepienie przeciw grypie',
];
const OCCUPATIONAL = ['Badanie medycyny pracy — wstępne', 'Badanie medycyny pracy — okresowe'];
const REHABILITATION = ['Fizjoterapia — terapia manualna', 'Kinezyterapia'];

export const DEMO_DOCTORS: DemoDoctor[] = [
  // Warszawa
  {
    name: 'lek. Anna Nowak',
    specialties: ['Internista'],
    languages: ['pl', 'en'],
    accountId: DEMO_DOCTOR_ACCOUNT_ID,
    facility: 'Centrum Medyczne Śródmieście',
    shift: 'morning',
    services: INTERNIST,
    remote: { 2: 'phone', 4: 'video' },
  },
  {
    name: 'lek. Piotr Kowalski',
    specialties: ['Internista'],
    languages: ['pl'],
    facility: 'Centrum Medyczne Mokotów',
    shift: 'afternoon',
    services: INTERNIST,
    remote: { 3: 'phone' },
  },
  {
    name: 'lek. Olena Kovalenko',
    specialties: ['Internista'],
    languages: ['pl', 'uk', 'en'],
    facility: 'Centrum Medyczne Wola',
    shift: 'afternoon',
    services: INTERNIST,
    remote: { 2: 'video', 5: 'phone' },
  },
  {
    name: 'lek. Katarzyna Wiśniewska',
    specialties: ['Pediatra'],
    languages: ['pl', 'en'],
    facility: 'Centrum Medyczne Wola',
    shift: 'morning',
    services: ['Konsultacja pediatryczna'],
    remote: { 5: 'phone' },
  },
  {
    name: 'dr n. med. Tomasz Wójcik',
    specialties: ['Kardiolog'],
    languages: ['pl', 'de'],
    facility: 'Centrum Medyczne Mokotów',
    shift: 'morning',
    services: ['Konsultacja kardiologiczna'],
    remote: { 2: 'phone' },
  },
  {
    name: 'lek. Magdalena Kamińska',
    specialties: ['Dermatolog'],
    languages: ['pl', 'en'],
    facility: 'Centrum Medyczne Śródmieście',
    shift: 'afternoon',
    services: ['Konsultacja dermatologiczna', 'Usunięcie znamienia'],
    remote: { 4: 'video' },
  },
  {
    name: 'mgr piel. Ewa Lewandowska',
    specialties: ['Pielęgniarka'],
    languages: ['pl'],
    facility: 'Centrum Medyczne Mokotów',
    shift: 'morning',
    services: LAB,
  },
  {
    name: 'lek. Michał Zieliński',
    specialties: ['Radiolog'],
    languages: ['pl', 'en'],
    facility: 'Centrum Medyczne Śródmieście',
    shift: 'afternoon',
    services: ['USG jamy brzusznej', 'RTG klatki piersiowej'],
  },
  {
    name: 'mgr Paweł Szymański',
    specialties: ['Fizjoterapeuta'],
    languages: ['pl'],
    facility: 'Centrum Medyczne Wola',
    shift: 'afternoon',
    services: REHABILITATION,
  },
  {
    name: 'lek. Joanna Woźniak',
    specialties: ['Lekarz medycyny pracy'],
    languages: ['pl'],
    facility: 'Centrum Medyczne Śródmieście',
    shift: 'morning',
    services: OCCUPATIONAL,
  },
  // Kraków
  {
    name: 'lek. Krzysztof Dąbrowski',
    specialties: ['Internista'],
    languages: ['pl', 'en'],
    facility: 'Centrum Medyczne Kazimierz',
    shift: 'morning',
    services: INTERNIST,
    remote: { 3: 'phone' },
  },
  {
    name: 'lek. Agnieszka Kozłowska',
    specialties: ['Ginekolog'],
    languages: ['pl'],
    facility: 'Centrum Medyczne Kazimierz',
    shift: 'afternoon',
    services: ['Konsultacja ginekologiczna'],
    remote: { 2: 'phone' },
  },
  {
    name: 'lek. Marek Jankowski',
    specialties: ['Ortopeda'],
    languages: ['pl', 'de'],
    facility: 'Centrum Medyczne Nowa Huta',
    shift: 'morning',
    services: ['Konsultacja ortopedyczna'],
    remote: { 4: 'phone' },
  },
  {
    name: 'lek. Natalia Mazur',
    specialties: ['Okulista'],
    languages: ['pl', 'en'],
    facility: 'Centrum Medyczne Nowa Huta',
    shift: 'afternoon',
    services: ['Konsultacja okulistyczna'],
  },
  {
    name: 'lek. Tetiana Szewczenko',
    specialties: ['Pediatra'],
    languages: ['pl', 'uk'],
    facility: 'Centrum Medyczne Nowa Huta',
    shift: 'afternoon',
    services: ['Konsultacja pediatryczna'],
    remote: { 3: 'video' },
  },
  {
    name: 'mgr piel. Barbara Kwiatkowska',
    specialties: ['Pielęgniarka'],
    languages: ['pl'],
    facility: 'Centrum Medyczne Kazimierz',
    shift: 'morning',
    services: LAB,
  },
  // Gdańsk
  {
    name: 'lek. Jakub Wojciechowski',
    specialties: ['Internista'],
    languages: ['pl', 'en'],
    facility: 'Centrum Medyczne Wrzeszcz',
    shift: 'afternoon',
    services: INTERNIST,
    remote: { 5: 'phone' },
  },
  {
    name: 'lek. Monika Krawczyk',
    specialties: ['Laryngolog'],
    languages: ['pl'],
    facility: 'Centrum Medyczne Oliwa',
    shift: 'morning',
    services: ['Konsultacja laryngologiczna', 'Płukanie uszu'],
  },
  {
    name: 'lek. Andrzej Kaczmarek',
    specialties: ['Kardiolog'],
    languages: ['pl', 'de', 'en'],
    facility: 'Centrum Medyczne Wrzeszcz',
    shift: 'morning',
    services: ['Konsultacja kardiologiczna'],
    remote: { 2: 'phone' },
  },
  {
    name: 'mgr piel. Dorota Piotrowska',
    specialties: ['Pielęgniarka'],
    languages: ['pl'],
    facility: 'Centrum Medyczne Wrzeszcz',
    shift: 'afternoon',
    services: LAB,
  },
  {
    name: 'lek. Grzegorz Grabowski',
    specialties: ['Lekarz medycyny pracy'],
    languages: ['pl'],
    facility: 'Centrum Medyczne Oliwa',
    shift: 'afternoon',
    services: OCCUPATIONAL,
  },
  // Wrocław
  {
    name: 'lek. Aleksandra Pawłowska',
    specialties: ['Dermatolog'],
    languages: ['pl', 'en'],
    facility: 'Centrum Medyczne Rynek',
    shift: 'morning',
    services: ['Konsultacja dermatologiczna'],
    remote: { 3: 'video' },
  },
  {
    name: 'lek. Rafał Michalski',
    specialties: ['Internista'],
    languages: ['pl', 'uk'],
    facility: 'Centrum Medyczne Krzyki',
    shift: 'afternoon',
    services: INTERNIST,
    remote: { 4: 'phone' },
  },
  {
    name: 'mgr Karolina Nowicka',
    specialties: ['Fizjoterapeuta'],
    languages: ['pl', 'en'],
    facility: 'Centrum Medyczne Rynek',
    shift: 'afternoon',
    services: REHABILITATION,
  },
  {
    name: 'lek. Łukasz Adamczyk',
    specialties: ['Neurolog'],
    languages: ['pl', 'en'],
    facility: 'Centrum Medyczne Krzyki',
    shift: 'morning',
    services: ['Konsultacja neurologiczna'],
    remote: { 5: 'video' },
  },
  // Poznań
  {
    name: 'lek. Zofia Dudek',
    specialties: ['Internista'],
    languages: ['pl', 'de'],
    facility: 'Centrum Medyczne Jeżyce',
    shift: 'morning',
    services: INTERNIST,
    remote: { 2: 'phone' },
  },
  {
    name: 'lek. Adam Zając',
    specialties: ['Endokrynolog'],
    languages: ['pl'],
    facility: 'Centrum Medyczne Rataje',
    shift: 'afternoon',
    services: ['Konsultacja endokrynologiczna'],
    remote: { 3: 'phone' },
  },
  {
    name: 'lek. Iwona Wieczorek',
    specialties: ['Psychiatra'],
    languages: ['pl', 'en'],
    facility: 'Centrum Medyczne Jeżyce',
    shift: 'afternoon',
    services: ['Konsultacja psychiatryczna'],
    remote: { 4: 'video' },
  },
  {
    name: 'lek. Marta Jabłońska',
    specialties: ['Lekarz medycyny pracy'],
    languages: ['pl'],
    facility: 'Centrum Medyczne Rataje',
    shift: 'morning',
    services: OCCUPATIONAL,
  },
];
