import { AgentsPage } from "./pages/AgentsPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { PipelinePage } from "./pages/PipelinePage";
import { PipelinesPage } from "./pages/PipelinesPage";
import { RunPage } from "./pages/RunPage";
import { RunsPage } from "./pages/RunsPage";
import { matchRoute } from "./router/matchRoute";
import { useLocation } from "./router/useLocation";

export function App() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  switch (route.page) {
    case "pipelines":
      return <PipelinesPage />;
    case "pipeline":
      // Keyed so moving between pipelines starts each page fresh.
      return <PipelinePage key={route.name} name={route.name} />;
    case "run":
      return <RunPage key={route.runId} runId={route.runId} />;
    case "runs":
      return <RunsPage />;
    case "agents":
      return <AgentsPage />;
    case "not-found":
      return <NotFoundPage path={route.path} />;
  }
}
