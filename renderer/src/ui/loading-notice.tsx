export function LoadingNotice({ what }: { what: string }) {
  return (
    <p className="notice notice--loading" role="status">
      Loading {what}…
    </p>
  );
}
