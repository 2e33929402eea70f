import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { StartRunForm } from "../StartRunForm";

function renderForm() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <StartRunForm pipeline="site" />
    </QueryClientProvider>,
  );
  return {
    concurrency: screen.getByTestId("run-concurrency") as HTMLInputElement,
    start: screen.getByTestId("start-run") as HTMLButtonElement,
  };
}

describe("StartRunForm", () => {
  it("keeps letters typed into Concurrency and says why they cannot run, instead of meaning no limit", () => {
    const { concurrency, start } = renderForm();
    fireEvent.change(concurrency, { target: { value: "four" } });
    expect(concurrency.value).toBe("four");
    const error = screen.getByTestId("run-concurrency-error");
    expect(error.textContent).toContain("whole number");
    expect(error.textContent).toContain("“four”");
    expect(concurrency.getAttribute("aria-invalid")).toBe("true");
    expect(concurrency.getAttribute("aria-describedby")).toBe(error.id);
    expect(start.disabled).toBe(true);
  });

  it("rejects zero, fractions and signs, and accepts a whole number or an empty field", () => {
    const { concurrency, start } = renderForm();
    for (const bad of ["0", "2.5", "-3", "1e3", "3 4"]) {
      fireEvent.change(concurrency, { target: { value: bad } });
      expect(screen.queryByTestId("run-concurrency-error"), bad).not.toBeNull();
    }
    for (const good of ["4", " 12 ", ""]) {
      fireEvent.change(concurrency, { target: { value: good } });
      expect(screen.queryByTestId("run-concurrency-error"), good).toBeNull();
      expect(start.disabled).toBe(false);
    }
  });
});
