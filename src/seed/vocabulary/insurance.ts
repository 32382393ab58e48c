/** Primac's product catalogue and the words of its claims, payments and audit trail. */

export interface CoverageTemplate {
  readonly code: string;
  readonly name: string;
  /** Limit as a share of the policy's sum insured. */
  readonly limitShare: number;
  /** Deductible as a share of the coverage limit. */
  readonly deductibleShare: number;
}

export interface Product {
  readonly code: string;
  readonly name: string;
  readonly description: string | null;
  readonly type: 'LIFE' | 'AUTO' | 'HOME' | 'HEALTH' | null;
  readonly basePremium: string | null;
  /** Relative sales volume. */
  readonly popularity: number;
  readonly sumInsured: readonly [number, number];
  /** Annual premium as a share of the sum insured (the team's seed: 1–5 %). */
  readonly rate: readonly [number, number];
  readonly termMonths: number;
  /** Claims per policy-year, relative to the other products. */
  readonly claimRate: number;
  readonly coverages: readonly CoverageTemplate[];
}

const cov = (code: string, name: string, limitShare: number, deductibleShare: number): CoverageTemplate => ({ code, name, limitShare, deductibleShare });

export const PRODUCTS: readonly Product[] = [
  { code: 'VIDA-TEMP', name: 'Vida Temporal', description: 'Seguro de vida a plazo fijo con suma asegurada garantizada', type: 'LIFE', basePremium: '480.00', popularity: 9, sumInsured: [50_000, 500_000], rate: [0.01, 0.018], termMonths: 120, claimRate: 0.2,
    coverages: [cov('FALLEC', 'Fallecimiento', 1, 0), cov('INVAL', 'Invalidez total y permanente', 1, 0), cov('ENF-GRAVE', 'Enfermedades graves', 0.3, 0.01)] },
  { code: 'VIDA-AHORRO', name: 'Vida con Ahorro', description: 'Vida con devolución de primas al final del plazo', type: 'LIFE', basePremium: '1200.00', popularity: 5, sumInsured: [30_000, 300_000], rate: [0.03, 0.05], termMonths: 180, claimRate: 0.15,
    coverages: [cov('FALLEC', 'Fallecimiento', 1, 0), cov('DEVOL', 'Devolución de primas', 1, 0)] },
  { code: 'VIDA-LEY', name: 'Vida Ley', description: 'Seguro de vida obligatorio para trabajadores en planilla', type: 'LIFE', basePremium: '150.00', popularity: 6, sumInsured: [20_000, 120_000], rate: [0.01, 0.015], termMonths: 12, claimRate: 0.25,
    coverages: [cov('FALLEC', 'Fallecimiento', 1, 0), cov('ACC-MUERTE', 'Muerte accidental', 0.5, 0)] },
  { code: 'SEPELIO', name: 'Sepelio', description: 'Gastos de sepelio y traslado', type: 'LIFE', basePremium: '90.00', popularity: 4, sumInsured: [5_000, 15_000], rate: [0.02, 0.04], termMonths: 12, claimRate: 0.3,
    coverages: [cov('SEPELIO', 'Gastos de sepelio', 1, 0)] },
  { code: 'AUTO-TR', name: 'Vehicular Todo Riesgo', description: 'Daños propios, robo y responsabilidad civil del vehículo', type: 'AUTO', basePremium: '1350.00', popularity: 12, sumInsured: [25_000, 180_000], rate: [0.03, 0.05], termMonths: 12, claimRate: 1.4,
    coverages: [cov('DANO-PROPIO', 'Daño propio', 1, 0.02), cov('ROBO', 'Robo total', 1, 0.05), cov('RC-VEH', 'Responsabilidad civil frente a terceros', 0.6, 0.01)] },
  { code: 'AUTO-RC', name: 'Responsabilidad Civil Vehicular', description: 'Daños a terceros causados con el vehículo', type: 'AUTO', basePremium: '420.00', popularity: 6, sumInsured: [20_000, 80_000], rate: [0.015, 0.03], termMonths: 12, claimRate: 0.9,
    coverages: [cov('RC-VEH', 'Responsabilidad civil frente a terceros', 1, 0.01)] },
  { code: 'SOAT', name: 'SOAT', description: 'Seguro Obligatorio de Accidentes de Tránsito', type: 'AUTO', basePremium: '95.00', popularity: 14, sumInsured: [20_000, 25_000], rate: [0.004, 0.006], termMonths: 12, claimRate: 0.6,
    coverages: [cov('SOAT-MUERTE', 'Muerte e invalidez', 1, 0), cov('SOAT-GASTOS', 'Gastos médicos', 1, 0)] },
  { code: 'HOGAR-INT', name: 'Hogar Integral', description: 'Edificación y contenido contra incendio, sismo y robo', type: 'HOME', basePremium: '640.00', popularity: 7, sumInsured: [80_000, 900_000], rate: [0.01, 0.02], termMonths: 12, claimRate: 0.35,
    coverages: [cov('INCENDIO', 'Incendio', 1, 0.01), cov('SISMO', 'Terremoto', 1, 0.03), cov('ROBO-HOG', 'Robo de contenido', 0.2, 0.05)] },
  { code: 'HOGAR-CONT', name: 'Contenido del Hogar', description: 'Muebles, equipos y enseres del hogar', type: 'HOME', basePremium: '260.00', popularity: 4, sumInsured: [10_000, 120_000], rate: [0.015, 0.03], termMonths: 12, claimRate: 0.4,
    coverages: [cov('CONTENIDO', 'Contenido', 1, 0.05), cov('EQ-ELECT', 'Equipos electrónicos', 0.3, 0.1)] },
  { code: 'MULTIRRIESGO', name: 'Multirriesgo PYME', description: 'Local comercial, mercadería y responsabilidad civil', type: 'HOME', basePremium: '2100.00', popularity: 3, sumInsured: [100_000, 2_000_000], rate: [0.012, 0.025], termMonths: 12, claimRate: 0.5,
    coverages: [cov('INCENDIO', 'Incendio', 1, 0.01), cov('LUCRO', 'Lucro cesante', 0.25, 0.02), cov('RC-GEN', 'Responsabilidad civil general', 0.2, 0.01)] },
  { code: 'SALUD-INT', name: 'Salud Integral', description: 'Atención ambulatoria, hospitalaria y de emergencia', type: 'HEALTH', basePremium: '1850.00', popularity: 10, sumInsured: [100_000, 1_000_000], rate: [0.012, 0.03], termMonths: 12, claimRate: 2.2,
    coverages: [cov('HOSP', 'Hospitalización', 1, 0.002), cov('AMBUL', 'Atención ambulatoria', 0.1, 0.001), cov('MATERN', 'Maternidad', 0.05, 0.002)] },
  { code: 'SALUD-ONCO', name: 'Oncológico', description: 'Tratamiento integral del cáncer', type: 'HEALTH', basePremium: '540.00', popularity: 5, sumInsured: [100_000, 500_000], rate: [0.005, 0.012], termMonths: 12, claimRate: 0.3,
    coverages: [cov('ONCO', 'Tratamiento oncológico', 1, 0)] },
  { code: 'ACC-PERS', name: 'Accidentes Personales', description: 'Muerte, invalidez y gastos de curación por accidente', type: 'HEALTH', basePremium: '180.00', popularity: 6, sumInsured: [10_000, 100_000], rate: [0.01, 0.02], termMonths: 12, claimRate: 0.5,
    coverages: [cov('ACC-MUERTE', 'Muerte accidental', 1, 0), cov('CURACION', 'Gastos de curación', 0.2, 0.02)] },
  { code: 'VIAJE', name: 'Asistencia en Viaje', description: 'Asistencia médica y equipaje durante viajes', type: null, basePremium: '75.00', popularity: 3, sumInsured: [30_000, 60_000], rate: [0.002, 0.004], termMonths: 1, claimRate: 0.8,
    coverages: [cov('ASIST-MED', 'Asistencia médica', 1, 0), cov('EQUIPAJE', 'Pérdida de equipaje', 0.05, 0)] },
  { code: 'MASCOTAS', name: 'Mascotas', description: null, type: null, basePremium: null, popularity: 2, sumInsured: [3_000, 10_000], rate: [0.03, 0.05], termMonths: 12, claimRate: 1.0,
    coverages: [cov('VET', 'Atención veterinaria', 1, 0.05)] },
];

export const CLAIM_DESCRIPTIONS: Record<string, readonly string[]> = {
  LIFE: ['Fallecimiento del asegurado', 'Invalidez total por accidente', 'Diagnóstico de enfermedad grave', 'Solicitud de gastos de sepelio'],
  AUTO: ['Choque en la Av. Javier Prado', 'Robo de autopartes', 'Robo total del vehículo', 'Daños a tercero en intersección', 'Rotura de parabrisas', 'Choque por alcance en la Panamericana'],
  HOME: ['Incendio en cocina', 'Filtración de agua del piso superior', 'Robo de equipos electrónicos', 'Daños por sismo', 'Cortocircuito, "daño eléctrico" en equipos'],
  HEALTH: ['Hospitalización por apendicitis', 'Atención de emergencia', 'Consulta ambulatoria', 'Tratamiento de quimioterapia', 'Fractura por caída'],
  OTHER: ['Atención médica en el extranjero', 'Pérdida de equipaje', 'Consulta veterinaria de emergencia'],
};

export const PAYMENT_METHODS = ['Tarjeta', 'Transferencia', 'Efectivo', 'Yape', 'Plin'] as const;
export const CLAIM_STATES = ['Pendiente', 'Aprobado', 'Rechazado'] as const;
export const PAYMENT_STATES = ['Procesado', 'Pendiente', 'Fallido'] as const;
export const AUDIT_SERVICES = ['ReclamosAPI', 'PagosAPI', 'PolizasAPI'] as const;
export const AUDIT_OPERATIONS: readonly (readonly [string, number])[] = [['CREATE', 40], ['READ', 35], ['UPDATE', 20], ['DELETE', 5]];

export const DOCUMENT_TYPES: readonly (readonly [string, number])[] = [
  ['DNI', 88], ['CARNET_EXTRANJERIA', 5], ['PASSPORT', 4], ['RUC', 2], ['CEDULA', 1],
];

export const RELATIONSHIPS = ['HIJO', 'HIJA', 'CONYUGE', 'PADRE', 'MADRE', 'HERMANO', 'HERMANA', 'ABUELO', 'ABUELA'] as const;
