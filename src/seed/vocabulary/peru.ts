/** Peruvian regions, cities, names and streets for realistic synthetic people. */

export interface Region {
  /** The MySQL ENUM value. */
  readonly state: string;
  /** Share of sign-ups at the start of the history (roughly the population). */
  readonly weight: number;
  /** Relative growth over the history: > 0 grows faster than the country, < 0 slower. */
  readonly trend: number;
  readonly cities: readonly string[];
}

export const REGIONS: readonly Region[] = [
  { state: 'AMAZONAS', weight: 1.3, trend: 0.1, cities: ['Chachapoyas', 'Bagua Grande', 'Bagua'] },
  { state: 'ANCASH', weight: 3.5, trend: 0.0, cities: ['Huaraz', 'Chimbote', 'Casma'] },
  { state: 'APURIMAC', weight: 1.3, trend: 0.1, cities: ['Abancay', 'Andahuaylas'] },
  { state: 'AREQUIPA', weight: 4.6, trend: 0.9, cities: ['Arequipa', 'Camaná', 'Mollendo'] },
  { state: 'AYACUCHO', weight: 2.0, trend: 0.2, cities: ['Ayacucho', 'Huanta', 'Puquio'] },
  { state: 'CAJAMARCA', weight: 4.5, trend: -0.1, cities: ['Cajamarca', 'Jaén', 'Chota'] },
  { state: 'CALLAO', weight: 3.5, trend: 0.2, cities: ['Callao', 'Ventanilla', 'Bellavista'] },
  { state: 'CUSCO', weight: 4.0, trend: 0.6, cities: ['Cusco', 'Sicuani', 'Quillabamba'] },
  { state: 'HUANCAVELICA', weight: 1.1, trend: -0.2, cities: ['Huancavelica', 'Lircay'] },
  { state: 'HUANUCO', weight: 2.5, trend: 0.1, cities: ['Huánuco', 'Tingo María'] },
  { state: 'ICA', weight: 2.7, trend: 0.5, cities: ['Ica', 'Chincha Alta', 'Pisco', 'Nazca'] },
  { state: 'JUNIN', weight: 4.2, trend: 0.3, cities: ['Huancayo', 'Tarma', 'La Oroya', 'Satipo'] },
  { state: 'LA_LIBERTAD', weight: 6.1, trend: 0.4, cities: ['Trujillo', 'Chepén', 'Pacasmayo', 'Huamachuco'] },
  { state: 'LAMBAYEQUE', weight: 4.1, trend: 0.3, cities: ['Chiclayo', 'Lambayeque', 'Ferreñafe'] },
  { state: 'LIMA', weight: 32.0, trend: -0.3, cities: ['Lima', 'Huacho', 'Cañete', 'Huaral', 'Barranca'] },
  { state: 'LORETO', weight: 3.0, trend: 0.0, cities: ['Iquitos', 'Yurimaguas', 'Nauta'] },
  { state: 'MADRE_DE_DIOS', weight: 0.6, trend: 0.7, cities: ['Puerto Maldonado'] },
  { state: 'MOQUEGUA', weight: 0.6, trend: 0.4, cities: ['Moquegua', 'Ilo'] },
  { state: 'PASCO', weight: 0.8, trend: -0.2, cities: ['Cerro de Pasco', 'Oxapampa'] },
  { state: 'PIURA', weight: 6.0, trend: 0.7, cities: ['Piura', 'Sullana', 'Talara', 'Paita'] },
  { state: 'PUNO', weight: 3.6, trend: 0.1, cities: ['Puno', 'Juliaca', 'Ilave'] },
  { state: 'SAN_MARTIN', weight: 2.8, trend: 0.5, cities: ['Moyobamba', 'Tarapoto', 'Juanjuí'] },
  { state: 'TACNA', weight: 1.1, trend: 0.3, cities: ['Tacna'] },
  { state: 'TUMBES', weight: 0.8, trend: 0.2, cities: ['Tumbes', 'Zarumilla'] },
  { state: 'UCAYALI', weight: 1.7, trend: 0.4, cities: ['Pucallpa', 'Aguaytía'] },
];

export const STATES = REGIONS.map((r) => r.state);

export const MALE_NAMES = ['José', 'Luis', 'Carlos', 'Juan', 'Jorge', 'Miguel', 'César', 'Víctor', 'Alejandro', 'Pedro', 'Jesús',
  'Manuel', 'Ricardo', 'Fernando', 'Eduardo', 'Raúl', 'Diego', 'Sebastián', 'Mateo', 'Andrés', 'Renzo', 'Piero', 'Christian',
  'Julio', 'Óscar', 'Hugo', 'Walter', 'Percy', 'Edwin', 'Wilmer', 'Rodrigo', 'Gonzalo', 'Joaquín', 'Santiago', 'Nicolás'];

export const FEMALE_NAMES = ['María', 'Rosa', 'Ana', 'Carmen', 'Lucía', 'Sofía', 'Valeria', 'Camila', 'Milagros', 'Patricia',
  'Elizabeth', 'Gabriela', 'Fiorella', 'Daniela', 'Andrea', 'Claudia', 'Jimena', 'Luz', 'Flor', 'Gladys', 'Yolanda', 'Karina',
  'Vanessa', 'Ximena', 'Mariana', 'Isabel', 'Verónica', 'Silvia', 'Teresa', 'Rocío', 'Nathaly', 'Alessandra', 'Micaela'];

export const SURNAMES = ['Quispe', 'Flores', 'Sánchez', 'Rodríguez', 'García', 'Mamani', 'Huamán', 'Chávez', 'Rojas', 'Ramos',
  'Torres', 'Díaz', 'Vásquez', 'Castillo', 'Mendoza', 'Gonzales', 'López', 'Ramírez', 'Espinoza', 'Vargas', 'Gutiérrez',
  'Pérez', 'Fernández', 'Cruz', 'Romero', 'Salazar', 'Córdova', 'Condori', 'Apaza', 'Huanca', 'Ticona', 'Cárdenas',
  'Paredes', 'Aguilar', 'Medina', 'Castro', 'Reyes', 'Herrera', 'Silva', 'Morales', 'Ccori', 'Puma', 'Yupanqui',
  'Villanueva', 'Palacios', 'Ñahui', "D'Angelo", 'Castañeda', 'Zúñiga', 'Carbajal', 'De la Cruz', 'Valdivia'];

export const STREET_KINDS = ['Av.', 'Jr.', 'Calle', 'Pasaje', 'Prolongación'];

export const STREET_NAMES = ['Arequipa', 'Javier Prado', 'Grau', 'Bolognesi', 'San Martín', 'Túpac Amaru', 'Los Incas',
  'Sol', 'La Marina', 'Brasil', 'Angamos', 'Benavides', 'Larco', 'Pardo', 'Ayacucho', 'Lima', 'Huáscar', 'Manco Cápac',
  'Los Olivos', 'Santa Rosa', 'Las Flores', 'Primavera', 'Universitaria', 'Ejército', 'Mariscal Castilla'];

export const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 55], ['hotmail.com', 18], ['outlook.com', 10], ['yahoo.com', 6], ['icloud.com', 3], ['pucp.edu.pe', 2],
  ['utec.edu.pe', 2], ['live.com', 4],
];

/** ASCII lower-case for user names and e-mails (José Ñahui → jose.nahui). */
export function asciiSlug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}
