// The files the Tomcat kind reads, by name (a module of its own: the VS Code client imports it).
export const tomcatNames = { fileNames: ['server.xml'], companionNames: ['catalina.properties'] };
