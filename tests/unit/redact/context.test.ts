import { describe, expect, it } from 'vitest';
import { type RawScreenContext, redactContext } from '../../../utils/redact/context';

const raw: RawScreenContext = {
  title: 'Akte Yilmaz, Ayşe – E-Akte',
  url: 'https://ea.jc.example/akte/JC-2024-004711/leistungen?tab=dok&kdnr=123D456789#x',
  heading: 'Leistungen für Frau Yilmaz (Kd.-Nr. 123D456789)',
  breadcrumb: ['Start', 'Akten', 'Yilmaz, Ayşe'],
  navigation: 'Leistungen',
  step: 'Schritt 2 von 4',
  tab: 'Dokumente',
  form: 'Anlage KdU',
  screenName: 'Leistungsübersicht',
  elementName: 'IBAN DE89 3704 0044 0532 0130 00',
  frameUrl: 'https://viewer.jc.example/doc/3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b?page=2',
};

describe('redactContext', () => {
  it('redacts every text field and both URLs and adds up the counts', () => {
    const { context, counts } = redactContext(raw, {
      pageTerms: new Set(['Yilmaz', 'Ayşe']),
      allowedParams: ['tab'],
    });
    expect(context).toEqual({
      title: 'Akte [NAME], [NAME] – E-Akte',
      url: 'https://ea.jc.example/akte/:id/leistungen?tab=dok',
      routeTemplate: '/akte/:id/leistungen',
      heading: 'Leistungen für Frau [NAME] (Kd.-Nr. [KUNDENNR])',
      breadcrumb: ['Start', 'Akten', '[NAME], [NAME]'],
      navigation: 'Leistungen',
      step: 'Schritt 2 von 4',
      tab: 'Dokumente',
      form: 'Anlage KdU',
      screenName: 'Leistungsübersicht',
      elementName: 'IBAN [IBAN]',
      frameUrl: 'https://viewer.jc.example/doc/:id',
      frameRouteTemplate: '/doc/:id',
    });
    expect(counts).toEqual({ name: 5, kundennr: 1, iban: 1, 'url-segment': 2, 'url-param': 2 });
  });

  it('leaves out fields that were absent and never copies unknown fields', () => {
    const input = { title: 'T', url: 'https://a.example/x', screenName: 'S', secret: 'Herr Müller' };
    const { context } = redactContext(input);
    expect(context).toEqual({ title: 'T', url: 'https://a.example/x', routeTemplate: '/x', screenName: 'S' });
  });
});
