import type { Channel } from '@pacjent/contracts';
import type { NewFacility, NewService } from '../catalog/catalog.repository';

/** The demo doctor's identity account (seeded by identity as doctor@demo.test). */
export const DEMO_DOCTOR_ACCOUNT_ID = '00000000-0000-4000-8000-000000000d0c';

const WEEKDAYS = 'pon.–pt. 7:00–20:00, sob. 8:00–14:00';

export const DEMO_FACILITIES: NewFacility[] = [
  {
    name: 'Centrum Medyczne Mokotów',
    city: 'Warszawa',
    address: 'ul. Puławska 145, 02-715 Warszawa',
    openingHours: WEEKDAYS,
  },
  {
    name: 'Centrum Medyczne Śródmieście',
    city: 'Warszawa',
    address: 'ul. Marszałkowska 82, 00-517 Warszawa',
    openingHours: 'pon.–pt. 7:00–21:00, sob. 8:00–16:00',
  },
  {
    name: 'Centrum Medyczne Wola',
    city: 'Warszawa',
    address: 'ul. Górczewska 124, 01-460 Warszawa',
    openingHours: 'pon.–pt. 7:30–19:30',
  },
  {
    name: 'Centrum Medyczne Kazimierz',
    city: 'Kraków',
    address: 'ul. Dietla 50, 31-039 Kraków',
    openingHours: WEEKDAYS,
  },
  {
    name: 'Centrum Medyczne Nowa Huta',
    city: 'Kraków',
    address: 'al. Jana Pawła II 41, 31-864 Kraków',
    openingHours: 'pon.–pt. 7:30–19:00',
  },
  {
    name: 'Centrum Medyczne Wrzeszcz',
    city: 'Gdańsk',
    address: 'ul. Grunwaldzka 103, 80-244 Gdańsk',
    openingHours: WEEKDAYS,
  },
  {
    name: 'Centrum Medyczne Oliwa',
    city: 'Gdańsk',
    address: 'ul. Opata Jacka Rybińskiego 8, 80-320 Gdańsk',
    openingHours: 'pon.–pt. 7:30–19:00',
  },
  { name: 'Centrum Medyczne Rynek', city: 'Wrocław', address: 'ul. Ruska 46, 50-079 Wrocław', openingHours: WEEKDAYS },
  {
    name: 'Centrum Medyczne Krzyki',
    city: 'Wrocław',
    address: 'ul. Powstańców Śląskich 95, 53-332 Wrocław',
    openingHours: 'pon.–pt. 7:30–19:30',
  },
  {
    name: 'Centrum Medyczne Jeżyce',
    city: 'Poznań',
    address: 'ul. Dąbrowskiego 77, 60-523 Poznań',
    openingHours: WEEKDAYS,
  },
  {
    name: 'Centrum Medyczne Rataje',
    city: 'Poznań',
    address: 'ul. Bolesława Krzywoustego 72, 61-144 Poznań',
    openingHours: 'pon.–pt. 7:30–19:00',
  },
];

const ALL: Channel[] = ['in_person', 'phone', 'video'];
const consultation = (name: string, specialty: string, channels: Channel[], basicAllowed = true): NewService => ({
  name,
  kind: 'consultation',
  specialty,
  channels,
  basicAllowed,
  requiresReferral: false,
});
const inPerson = (name: string, kind: NewService['kind'], basicAllowed: boolean): NewService => ({
  name,
  kind,
  specialty: null,
  channels: ['in_person'],
  basicAllowed,
  requiresReferral: kind === 'rehabilitation',
});

export const DEMO_SERVICES: NewService[] = [
  consultation('Konsultacja internistyczna', 'Internista', ALL),
  consultation('Konsultacja pediatryczna', 'Pediatra', ALL),
  consultation('Konsultacja kardiologiczna', 'Kardiolog', ['in_person', 'phone']),
  consultation('Konsultacja dermatologiczna', 'Dermatolog', ['in_person', 'video']),
  consultation('Konsultacja okulistyczna', 'Okulista', ['in_person']),
  consultation('Konsultacja ortopedyczna', 'Ortopeda', ['in_person', 'phone']),
  consultation('Konsultacja ginekologiczna', 'Ginekolog', ['in_person', 'phone']),
  consultation('Konsultacja laryngologiczna', 'Laryngolog', ['in_person']),
  consultation('Konsultacja endokrynologiczna', 'Endokrynolog', ALL),
  consultation('Konsultacja neurologiczna', 'Neurolog', ['in_person', 'video'], false),
  consultation('Konsultacja psychiatryczna', 'Psychiatra', ['in_person', 'video'], false),
  inPerson('Morfologia krwi', 'test', true),
  inPerson('Lipidogram', 'test', true),
  inPerson('Glukoza na czczo', 'test', true),
  inPerson('TSH', 'test', true),
  inPerson('EKG spoczynkowe', 'test', true),
  inPerson('USG jamy brzusznej', 'test', false),
  inPerson('RTG klatki piersiowej', 'test', false),
  inPerson('Szczepienie przeciw grypie', 'procedure', true),
  inPerson('Płukanie uszu', 'procedure', true),
  inPerson('Usunięcie znamienia', 'procedure', false),
  inPerson('Fizjoterapia — terapia manualna', 'rehabilitation', false),
  inPerson('Kinezyterapia', 'rehabilitation', false),
  inPerson('Badanie medycyny pracy — wstępne', 'occupational', true),
  inPerson('Badanie medycyny pracy — okresowe', 'occupational', true),
];
