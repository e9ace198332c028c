package io.outboundsync.testing;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** The project's YAML routes of one file, for a test that boots them with Camel's test kit. */
public final class YamlRoutes {

    private YamlRoutes() {
    }

    /**
     * @param files files of {@code routes/}, such as {@code campaigns.camel.yaml}; its placeholders resolve against
     *             the shipped defaults, as in the process, under what the test sets
     */
    public static RoutesBuilder of(String... files) {
        return new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                getContext().getPropertiesComponent().addLocation("classpath:defaults/application.properties");
                for (String file : files) {
                    PluginHelper.getRoutesLoader(getContext()).loadRoutes(ResourceHelper.resolveMandatoryResource(
                            getContext(), "file:routes/" + file));
                }
            }
        };
    }
}
