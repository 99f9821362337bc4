import { renderDashboardPage } from './render-dashboard-page';

describe('renderDashboardPage', () => {
  it('has the elements the script and tests address', () => {
    const html = renderDashboardPage();
    for (const id of [
      'round',
      'phase',
      'clients',
      'accuracy-chart',
      'loss-chart',
      'traffic-chart',
      'participation-chart',
      'rounds-table',
      'edgefl-config',
    ]) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('<script src="/dashboard/chart.js"></script>');
  });

  it('embeds the token so it cannot break out of its script element', () => {
    const html = renderDashboardPage({ token: '</script><script>alert(1)</script>', title: '<b>run</b>' });
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).not.toContain('<b>run</b>');
    const json = /<script type="application\/json" id="edgefl-config">(.*?)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(json ?? 'null')).toEqual({
      namespace: '/dashboard',
      token: '</script><script>alert(1)</script>',
    });
  });

  it('names a bad token', () => {
    expect(() => renderDashboardPage({ token: 1 as unknown as string })).toThrow(/options\.token/);
  });
});
