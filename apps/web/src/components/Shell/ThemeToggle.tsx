import { useTheme } from "../../hooks/useTheme";
import type { ThemePreference } from "../../theme/themeStore";

const OPTIONS: { value: ThemePreference; label: string; icon: string }[] = [
  {
    value: "system",
    label: "Follow the system",
    icon: "M2.5 3.5h11v7h-11zM6 13.5h4M8 10.5v3",
  },
  {
    value: "light",
    label: "Light",
    icon: "M8 10.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1",
  },
  {
    value: "dark",
    label: "Dark",
    icon: "M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7Z",
  },
];

/** Light, dark, or whatever the OS says (the default). */
export function ThemeToggle() {
  const { preference, setPreference } = useTheme();
  return (
    <fieldset className="flex items-center rounded-lg border border-slate-200 p-0.5 dark:border-slate-700">
      <legend className="sr-only">Color theme</legend>
      {OPTIONS.map((option) => (
        <button
          key={option.value}
          type="button"
          data-testid={`theme-${option.value}`}
          aria-pressed={preference === option.value}
          title={option.label}
          onClick={() => setPreference(option.value)}
          className={`rounded-md p-1.5 ${
            preference === option.value
              ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
              : "text-slate-500 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white"
          }`}
        >
          <svg
            viewBox="0 0 16 16"
            className="size-4"
            fill="none"
            stroke="currentColor"
            strokeWidth={1.5}
            strokeLinecap="round"
            strokeLinejoin="round"
            aria-hidden="true"
          >
            <path d={option.icon} />
          </svg>
          <span className="sr-only">{option.label}</span>
        </button>
      ))}
    </fieldset>
  );
}
