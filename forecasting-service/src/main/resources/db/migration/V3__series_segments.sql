-- Each series' segments as its training run found them: k-means cluster of its demand profile, ABC by revenue, XYZ
-- by weekly variability. Accuracy is reported per any of them.
ALTER TABLE series_fit
    ADD COLUMN cluster integer,
    ADD COLUMN abc     char(1),
    ADD COLUMN xyz     char(1);
