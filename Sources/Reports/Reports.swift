/// Reports: terminal tables, SVG charts and the self-contained HTML report.
public enum ReportsModule {}
