// The "Status" select above a list: one option per status, '' for all.
export function StatusFilter<T extends string>({ value, options, onChange }: {
  value: T;
  options: ReadonlyArray<{ value: NoInfer<T>; label: string }>;
  onChange(value: NoInfer<T>): void;
}) {
  return (
    <label className="inline">
      Status
      <select value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </select>
    </label>
  );
}
