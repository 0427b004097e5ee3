/** What the demo doctor wrote at each of the demo patient's past visits (DEMO_RECORD.visits, same order). */
export const DEMO_OUTCOMES: ReadonlyArray<{ notes: string; recommendations: string; diagnoses: string[] }> = [
  {
    notes: 'Ból odcinka lędźwiowego od 3 tygodni, bez promieniowania. Objaw Lasègue’a ujemny.',
    recommendations:
      'Fizjoterapia zgodnie ze skierowaniem (10 zabiegów). Unikać dźwigania. Ibuprofen 400 mg doraźnie, maks. 3 razy dziennie po posiłku.',
    diagnoses: ['M54.5'],
  },
  {
    notes: 'Kontrola nadciśnienia. RR 138/86, HR 72. Lipidogram sprzed roku z podwyższonym LDL.',
    recommendations: 'Kontynuować leczenie. Wykonać lipidogram na czczo przed następną wizytą (skierowanie w portalu).',
    diagnoses: ['I10', 'E78.0'],
  },
  {
    notes: 'Kaszel suchy od 5 dni, bez gorączki. Osłuchowo bez zmian.',
    recommendations:
      'Nawadnianie, inhalacje z soli fizjologicznej. Jeśli kaszel utrzyma się ponad 3 tygodnie — ponowna wizyta.',
    diagnoses: ['J20.9'],
  },
  {
    notes: 'Zmęczenie, senność. TSH 4,8 mIU/l.',
    recommendations: 'Powtórzyć TSH i fT4 za 6 tygodni. Dieta bogata w jod.',
    diagnoses: ['E03.9', 'R53'],
  },
  {
    notes: 'Szczepienie przeciw grypie — kwalifikacja, bez przeciwwskazań.',
    recommendations: 'Po szczepieniu możliwy ból ramienia i stan podgorączkowy przez 1–2 dni.',
    diagnoses: ['Z25.1'],
  },
  {
    notes: 'Kontrola nadciśnienia. RR 142/90 w domowych pomiarach.',
    recommendations: 'Prowadzić dzienniczek ciśnień (rano i wieczorem przez 2 tygodnie). Ograniczyć sól.',
    diagnoses: ['I10'],
  },
  {
    notes: 'Ból gardła, gorączka 38,2°C, migdałki przekrwione bez nalotów.',
    recommendations: 'Leczenie objawowe, płukanie gardła, odpoczynek. Zwolnienie na 3 dni.',
    diagnoses: ['J02.9'],
  },
  {
    notes: 'Pokrzywka po nowym kosmetyku, bez duszności.',
    recommendations: 'Odstawić kosmetyk. Lek przeciwhistaminowy 1 raz dziennie przez 7 dni.',
    diagnoses: ['L50.0'],
  },
  {
    notes: 'Badanie okresowe ogólne, bez odchyleń.',
    recommendations: 'Morfologia i glukoza na czczo raz w roku. Aktywność fizyczna 150 minut tygodniowo.',
    diagnoses: ['Z00.0'],
  },
  {
    notes: 'Pierwsze rozpoznanie nadciśnienia tętniczego, RR 150/95 w trzech pomiarach.',
    recommendations: 'Włączono leczenie. Kontrola za miesiąc z wynikami pomiarów domowych.',
    diagnoses: ['I10'],
  },
  {
    notes: 'Biegunka od 2 dni, bez krwi w stolcu, nawodniona.',
    recommendations: 'Doustne płyny nawadniające, lekkostrawna dieta. Pilny kontakt przy gorączce powyżej 39°C.',
    diagnoses: ['A09'],
  },
  {
    notes: 'Zapalenie spojówek oka prawego.',
    recommendations: 'Krople zgodnie z receptą przez 5 dni, higiena rąk, osobny ręcznik.',
    diagnoses: ['H10.9'],
  },
];
