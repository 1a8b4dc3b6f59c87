import { useAppInfo } from '../shared/api';

export function App() {
  const info = useAppInfo();
  return <div data-testid="app">Lantern {info?.version}</div>;
}
