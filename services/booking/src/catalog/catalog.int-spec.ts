import { ErrorCode, Subjects, type DoctorView, type FacilityView, type ServiceView } from '@pacjent/contracts';
import { startBooking, type BookingTestKit } from '../testing/booking-test-kit';

describe('catalog over the bus', () => {
  let kit: BookingTestKit;

  beforeAll(async () => {
    kit = await startBooking();
    const { factory } = kit;
    await factory.newFacility({ name: 'Centrum Medyczne Wola', city: 'Warszawa', address: 'ul. Górczewska 124' });
    await factory.newFacility({ name: 'Centrum Medyczne Mokotów', city: 'Warszawa' });
    await factory.newFacility({ name: 'Centrum Medyczne Rynek', city: 'Wrocław' });
    await factory.newFacility({ name: 'Centrum Medyczne Kazimierz', city: 'Kraków' });
    await factory.newFacility({ name: 'Centrum Medyczne Łódź', city: 'Łódź' });
    const cardiology = await factory.newService({ name: 'Konsultacja kardiologiczna', specialty: 'Kardiolog' });
    const bloodTest = await factory.newService({ name: 'Morfologia krwi', kind: 'test', channels: ['in_person'] });
    await factory.newService({ name: 'Kinezyterapia', kind: 'rehabilitation', basicAllowed: false });
    await factory.newService({ name: 'Promocja 50% (test_)', kind: 'procedure' });
    await factory.newDoctor({ name: 'lek. Zofia Żak', serviceIds: [cardiology.id] });
    await factory.newDoctor({ name: 'dr n. med. Adam Łukasik', serviceIds: [cardiology.id, bloodTest.id] });
    await factory.newDoctor({ name: 'lek. Ewa Nowak', serviceIds: [bloodTest.id], languages: ['pl', 'en'] });
  });
  afterAll(() => kit.close());

  it('lists services for anybody, alphabetically, with what the booking form needs', async () => {
    const services = await kit.request<ServiceView[]>(Subjects.booking.listServices, null, {});
    expect(services.map((service) => service.name)).toEqual([
      'Kinezyterapia',
      'Konsultacja kardiologiczna',
      'Morfologia krwi',
      'Promocja 50% (test_)',
    ]);
    expect(services.find((service) => service.name === 'Kinezyterapia')).toEqual({
      id: expect.any(String),
      name: 'Kinezyterapia',
      kind: 'rehabilitation',
      channels: ['in_person', 'phone', 'video'],
      basicAllowed: false,
      requiresReferral: true,
    });
  });

  it('filters services by kind and by text in the name (case-insensitive, wildcards taken literally)', async () => {
    const tests = await kit.request<ServiceView[]>(Subjects.booking.listServices, null, { kind: 'test' });
    expect(tests.map((service) => service.name)).toEqual(['Morfologia krwi']);
    const byText = await kit.request<ServiceView[]>(Subjects.booking.listServices, null, { q: 'KARDIO' });
    expect(byText.map((service) => service.name)).toEqual(['Konsultacja kardiologiczna']);
    const literal = await kit.request<ServiceView[]>(Subjects.booking.listServices, null, { q: '50%' });
    expect(literal.map((service) => service.name)).toEqual(['Promocja 50% (test_)']);
    expect(await kit.request(Subjects.booking.listServices, null, { q: '_' })).toHaveLength(1);
  });

  it('refuses an unknown kind or an unexpected field with VALIDATION_FAILED', async () => {
    await expect(kit.failure(Subjects.booking.listServices, null, { kind: 'massage' })).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
    });
    await expect(kit.failure(Subjects.booking.listServices, null, { sort: 'name' })).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
    });
  });

  it('lists each city once, in Polish alphabetical order', async () => {
    await expect(kit.request(Subjects.booking.listCities, null, {})).resolves.toEqual([
      'Kraków',
      'Łódź',
      'Warszawa',
      'Wrocław',
    ]);
  });

  it('lists facilities, optionally of one city', async () => {
    const all = await kit.request<FacilityView[]>(Subjects.booking.listFacilities, null, {});
    expect(all).toHaveLength(5);
    const warsaw = await kit.request<FacilityView[]>(Subjects.booking.listFacilities, null, { city: 'warszawa' });
    expect(warsaw.map((facility) => facility.name)).toEqual(['Centrum Medyczne Mokotów', 'Centrum Medyczne Wola']);
    expect(warsaw[1]).toEqual({
      id: expect.any(String),
      name: 'Centrum Medyczne Wola',
      city: 'Warszawa',
      address: 'ul. Górczewska 124',
    });
  });

  it('lists doctors by surname, optionally those who provide a service', async () => {
    const all = await kit.request<DoctorView[]>(Subjects.booking.listDoctors, null, {});
    expect(all.map((doctor) => doctor.name)).toEqual(['dr n. med. Adam Łukasik', 'lek. Ewa Nowak', 'lek. Zofia Żak']);
    const [bloodTest] = await kit.request<ServiceView[]>(Subjects.booking.listServices, null, { q: 'Morfologia' });
    const forBloodTest = await kit.request<DoctorView[]>(Subjects.booking.listDoctors, null, {
      serviceId: bloodTest!.id,
    });
    expect(forBloodTest).toEqual([
      expect.objectContaining({ name: 'dr n. med. Adam Łukasik' }),
      { id: expect.any(String), name: 'lek. Ewa Nowak', specialties: ['Internista'], languages: ['pl', 'en'] },
    ]);
  });
});
