package vn.chonongsan.esanalysis;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;

/** Settings shared by the n-gram components, with analysis-common's defaults. */
@AnalysisSettings
public interface GramSettings {
    @IntSetting(path = "min_gram", defaultValue = 1)
    int minGram();

    @IntSetting(path = "max_gram", defaultValue = 2)
    int maxGram();

    @BooleanSetting(path = "preserve_original", defaultValue = false)
    boolean preserveOriginal();
}
