/**
 * Word lists for synthetic people. Names are common Brazilian first names and
 * surnames combined at random, so no combination refers to a real person;
 * streets are generic; e-mail domains are the reserved example.* (RFC 2606).
 */

export const FIRST_NAMES = [
  'Ana',
  'Bruno',
  'Camila',
  'Daniel',
  'Eduarda',
  'Felipe',
  'Gabriela',
  'Heitor',
  'Isabela',
  'João',
  'Larissa',
  'Marcos',
  'Natália',
  'Otávio',
  'Patrícia',
  'Rafael',
  'Sofia',
  'Tiago',
  'Vitória',
  'Yuri',
] as const;

export const SURNAMES = [
  'Almeida',
  'Barbosa',
  'Cardoso',
  'Costa',
  'Ferreira',
  'Gomes',
  'Lima',
  'Martins',
  'Moreira',
  'Nascimento',
  'Oliveira',
  'Pereira',
  'Ribeiro',
  'Rocha',
  'Santos',
  'Silva',
  'Souza',
  'Teixeira',
] as const;

export const STREETS = [
  'Rua das Acácias',
  'Rua dos Ipês',
  'Avenida Central',
  'Rua Sete de Setembro',
  'Travessa das Palmeiras',
  'Rua do Comércio',
  'Avenida das Nações',
  'Rua Quinze de Novembro',
  'Alameda dos Girassóis',
  'Rua da Estação',
] as const;

export const DISTRICTS = [
  'Centro',
  'Jardim das Flores',
  'Vila Nova',
  'Bela Vista',
  'Santa Cecília',
  'Boa Vista',
  'Parque Industrial',
] as const;

/** City, state, DDD and the CEP range the Correios assign to it (first 5 digits). */
export interface CityInfo {
  city: string;
  uf: string;
  ddd: number;
  cepFrom: number;
  cepTo: number;
}

export const CITIES: readonly CityInfo[] = [
  { city: 'São Paulo', uf: 'SP', ddd: 11, cepFrom: 1000, cepTo: 5999 },
  { city: 'Campinas', uf: 'SP', ddd: 19, cepFrom: 13000, cepTo: 13139 },
  { city: 'Rio de Janeiro', uf: 'RJ', ddd: 21, cepFrom: 20000, cepTo: 23799 },
  { city: 'Belo Horizonte', uf: 'MG', ddd: 31, cepFrom: 30000, cepTo: 31999 },
  { city: 'Curitiba', uf: 'PR', ddd: 41, cepFrom: 80000, cepTo: 82999 },
  { city: 'Porto Alegre', uf: 'RS', ddd: 51, cepFrom: 90000, cepTo: 91999 },
  { city: 'Salvador', uf: 'BA', ddd: 71, cepFrom: 40000, cepTo: 42599 },
  { city: 'Recife', uf: 'PE', ddd: 81, cepFrom: 50000, cepTo: 52999 },
  { city: 'Fortaleza', uf: 'CE', ddd: 85, cepFrom: 60000, cepTo: 61599 },
  { city: 'Brasília', uf: 'DF', ddd: 61, cepFrom: 70000, cepTo: 72799 },
  { city: 'Manaus', uf: 'AM', ddd: 92, cepFrom: 69000, cepTo: 69099 },
  { city: 'Goiânia', uf: 'GO', ddd: 62, cepFrom: 74000, cepTo: 74899 },
  { city: 'Florianópolis', uf: 'SC', ddd: 48, cepFrom: 88000, cepTo: 88099 },
];

export const COMPANY_WORDS = [
  'Comércio de Alimentos',
  'Serviços Digitais',
  'Transportes',
  'Materiais de Construção',
  'Distribuidora',
  'Papelaria',
  'Consultoria',
] as const;

export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.com'] as const;
