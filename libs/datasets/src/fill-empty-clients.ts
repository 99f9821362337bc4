/**
 * Moves one example at a time from the largest client to each empty client, so every client can
 * train whenever there are at least as many examples as clients. Mutates and returns `clients`.
 * The moved example is the largest client's last one, so label skew is disturbed minimally.
 */
export function fillEmptyClients(clients: number[][]): number[][] {
  const total = clients.reduce((acc, list) => acc + list.length, 0);
  if (total < clients.length) return clients;
  for (const empty of clients) {
    if (empty.length > 0) continue;
    let largest = clients[0];
    for (const list of clients) if (list.length > largest.length) largest = list;
    const moved = largest.pop();
    if (moved !== undefined) empty.push(moved);
  }
  return clients;
}
